"""The data version: one row that changes whenever data the dashboard counts changes.

The dashboard caches its figures (reports.dashboard.caching) under a key that holds this
version. Database triggers (migration reports 0003) bump it on every INSERT, UPDATE, DELETE
(and, on PostgreSQL, TRUNCATE) of the tables the figures come from, so no write path can
forget it: the services, a QuerySet.update(), the admin, a data migration, raw SQL.

    read_version()   -> "counter.salt", one cheap query

`counter` counts the writing statements (PostgreSQL: per statement; SQLite: per row);
`salt` is a random number drawn at every bump, so that a version reached again after a
rolled-back transaction (tests, or a failed write) is still a new version.
"""

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils.translation import gettext_lazy as _

# The tables whose writes change a figure, page or export of the dashboard (by model label,
# resolved to table names by the migrations 0003 and 0007, which keep frozen copies: changing
# this list takes a new migration). tasks.ExplanationRequest is not shown there; auth.User (an urging officer's
# name) is left out on purpose: every sign-in writes last_login.
WATCHED_MODELS = (
    "tasks.Assignment",
    "tasks.Submission",
    "tasks.ExtensionRequest",
    "tasks.Unit",
    "tasks.UnitVersion",  # names as of a date (migration 0007)
    "tasks.Reorganisation",  # work counted for the unit that held it then (migration 0007)
    "directives.Directive",
    "directives.Section",
    "directives.Task",
    "reminders.ReminderLog",
    "reminders.Urge",
)

SINGLETON_ID = 1


class DataVersion(models.Model):
    """The single row (id 1) the triggers bump. Never written by Python code."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID)
    counter = models.BigIntegerField(_("số lần thay đổi"), default=0)
    salt = models.BigIntegerField(default=0)

    class Meta:
        app_label = "reports"
        verbose_name = _("phiên bản dữ liệu")
        verbose_name_plural = _("phiên bản dữ liệu")

    def __str__(self):
        return f"{self.counter}.{self.salt}"


def read_version(using=DEFAULT_DB_ALIAS):
    """The current data version as a string; "0.0" before the first write."""
    table = connections[using].ops.quote_name(DataVersion._meta.db_table)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT counter, salt FROM {table} WHERE id = %s", [SINGLETON_ID])
        row = cursor.fetchone()
    return f"{row[0]}.{row[1]}" if row else "0.0"
