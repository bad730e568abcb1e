"""The beat's dashboard warmer: every minute, the default dashboard view of each published
directive is recomputed if the data it counts changed (reports.dashboard.warming). Stored
for django-celery-beat's DatabaseScheduler, so the Office can change or disable it in the
admin. Idempotent; the reverse removes it."""

from django.db import migrations
from django.utils import timezone

TASK = "reports.warm_dashboards"
NAME = "Bảng theo dõi: tính sẵn số liệu mặc định (mỗi phút)"


def forwards(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    if PeriodicTask.objects.filter(task=TASK).exists():
        return
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="*", hour="*", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="Asia/Ho_Chi_Minh",
    )
    PeriodicTask.objects.create(
        name=NAME, task=TASK, crontab=crontab, enabled=True,
        # The next minute's run supersedes one that waited in the queue.
        expire_seconds=50,
        description="Tính lại số liệu mặc định của bảng theo dõi (hôm nay, không lọc) khi dữ liệu "
                    "thay đổi, để cán bộ mở trang không phải chờ tính.",
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_dataversion"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
