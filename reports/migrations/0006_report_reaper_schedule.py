"""The beat's report reaper: every minute, a report left "running" by a worker that died (its
heartbeat stale) is queued again, or failed with the reason after REPORT_MAX_ATTEMPTS
(reports.pdf.jobs.reports_reap). Stored for django-celery-beat's DatabaseScheduler.
Idempotent; the reverse removes it."""

from django.db import migrations
from django.utils import timezone

TASK = "reports.reap_stalled_reports"
NAME = "Báo cáo: tạo lại báo cáo bị dừng giữa chừng (mỗi phút)"


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
        description="Báo cáo đang tạo mà tiến trình xử lý đã dừng (không còn tín hiệu sống) được "
                    "xếp hàng tạo lại; quá số lần cho phép thì ghi lỗi kèm lý do.",
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_report_sections_sharing_resilience"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
