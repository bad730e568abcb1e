from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Theo dõi và báo cáo")

    def ready(self):
        from audit import actions

        actions.register("dashboard.export", _("Xuất số liệu theo dõi (Excel, CSV)"))
