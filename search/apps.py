from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _register_sqlite_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        from search.normalize import fold

        connection.connection.create_function("tuson_fold", 1, fold, deterministic=True)


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        from django.db.backends.signals import connection_created

        from search import signals  # noqa: F401

        connection_created.connect(_register_sqlite_fold, dispatch_uid="search_sqlite_fold")
