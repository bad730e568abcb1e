"""The beat's monthly report: at 06:00 on the 1st (Asia/Ho_Chi_Minh), each published
directive's progress report as of the end of the previous month, generated as its tracking
body and e-mailed as a link. Stored for django-celery-beat's DatabaseScheduler, so the
Office can change the time in the admin. Idempotent; the reverse removes it."""

from django.db import migrations
from django.utils import timezone

TASK = "reports.schedule_monthly_reports"
NAME = "Báo cáo PDF định kỳ hằng tháng (06:00 ngày 1)"


def forwards(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if PeriodicTask.objects.filter(task=TASK).exists():
        return
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_week="*", day_of_month="1", month_of_year="*",
        timezone="Asia/Ho_Chi_Minh",
    )
    PeriodicTask.objects.create(
        name=NAME, task=TASK, crontab=crontab, enabled=True,
        # A run that waited a whole day in the queue is not worth doing late.
        expire_seconds=24 * 3600,
        description="Tạo báo cáo kết quả thực hiện của mỗi văn bản đã ban hành, số liệu đến "
                    "cuối tháng trước, và gửi thư kèm liên kết cho Văn phòng Thành ủy và ĐUQS.",
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
