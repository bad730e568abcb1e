"""The beat's periodic tasks (sweep every 15 minutes, digest at 07:30 Asia/Ho_Chi_Minh) and a
default reminder policy for every directive already loaded. Idempotent."""

from django.db import migrations


def forwards(apps, schema_editor):
    from reminders.schedule import ensure_periodic_tasks

    ensure_periodic_tasks(apps)
    Directive = apps.get_model("directives", "Directive")
    ReminderPolicy = apps.get_model("reminders", "ReminderPolicy")
    for directive in Directive.objects.exclude(reminder_policy__isnull=False):
        ReminderPolicy.objects.get_or_create(directive=directive)


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
