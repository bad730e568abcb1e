from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("Đơn vị và giao nhiệm vụ")

    def ready(self):
        from tasks import actions

        actions.register()
