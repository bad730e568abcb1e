from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Kết nối hệ thống khác")

    def ready(self):
        from api import schema  # noqa: F401 (registers the token's OpenAPI description)
        from audit import actions

        from api import actions as api_actions

        for code, text in api_actions.LABELS.items():
            actions.register(code, text)
