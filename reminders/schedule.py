"""The beat's two periodic tasks, stored by django-celery-beat's DatabaseScheduler so the
Office can change their times in the admin. Created once; never overwritten afterwards."""

from django.apps import apps as global_apps

TIME_ZONE = "Asia/Ho_Chi_Minh"

PERIODIC_TASKS = [
    {
        "name": "Nhắc việc: quét việc đến hạn (15 phút một lần)",
        "task": "reminders.sweep",
        "crontab": {"minute": "*/15", "hour": "*"},
        # A sweep that waited longer than this in the queue is superseded by the next one.
        "expire_seconds": 600,
        "description": "Xác định các lần nhắc việc đến hạn hôm nay, gửi ngay cảnh báo và thông báo.",
    },
    {
        "name": "Nhắc việc: thư tổng hợp hằng ngày (07:30)",
        "task": "reminders.send_daily_digests",
        "crontab": {"minute": "30", "hour": "7"},
        "expire_seconds": None,
        "description": "Gửi mỗi người một thư tổng hợp các việc cần chú ý trong ngày.",
    },
]


def ensure_periodic_tasks(apps=global_apps, reset=False):
    """Create the periodic tasks that do not exist yet (matched by task name).

    With reset=True, put the default times back on existing ones. Returns the names created
    or reset.
    """
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    done = []
    for spec in PERIODIC_TASKS:
        existing = PeriodicTask.objects.filter(task=spec["task"]).first()
        if existing is not None and not reset:
            continue
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=spec["crontab"]["minute"], hour=spec["crontab"]["hour"],
            day_of_week="*", day_of_month="*", month_of_year="*", timezone=TIME_ZONE,
        )
        fields = {"crontab": crontab, "interval": None, "enabled": True,
                  "expire_seconds": spec["expire_seconds"], "description": spec["description"]}
        if existing is None:
            PeriodicTask.objects.create(name=spec["name"], task=spec["task"], **fields)
        else:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
        done.append(spec["name"])
    if done:
        _tell_beat(apps)
    return done


def _tell_beat(apps):
    # A running beat reloads its schedule when this timestamp changes.
    from django.utils import timezone

    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})
