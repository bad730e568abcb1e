from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Nhật ký hệ thống")

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created

        from audit import signals
        from audit.immutability import register_sqlite_function

        signals.connect()
        connection_created.connect(register_sqlite_function, dispatch_uid="audit_sqlite_function")
        for connection in connections.all(initialized_only=True):  # opened before ready()
            register_sqlite_function(connection=connection)
