from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Nhắc việc, đôn đốc")

    def ready(self):
        from audit import actions
        from directives.models import Directive

        actions.register("reminder.urge", _("Đôn đốc đơn vị"))
        actions.register("reminder.urge_template", _("Sửa mẫu nội dung đôn đốc"))
        actions.register("reminder.policy", _("Sửa cấu hình nhắc việc"))

        post_save.connect(_give_policy, sender=Directive, dispatch_uid="reminders.give_policy")


def _give_policy(sender, instance, created, raw=False, **kwargs):
    """Every directive gets its default reminder rules as a row the Office can edit."""
    if created and not raw:
        from reminders.models import ReminderPolicy

        ReminderPolicy.objects.get_or_create(directive=instance)
