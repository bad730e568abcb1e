from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "signatures"
    verbose_name = _("Chữ ký số")

    def ready(self):
        import logging

        from audit import actions

        from signatures import actions as own

        for code, text in own.LABELS.items():
            actions.register(code, text)
        # pyhanko logs every untrusted path as an ERROR with a traceback; the verdict says it.
        logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
        logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
