"""The LOGGING setting: quiet by default, verbose on request (docs/configuration.md, "Logs").

One console handler, on the root logger: every logger's records are printed once (Django's
own default gives the "django" logger a console handler of its own, which printed each
request warning twice on top of the root's). The development server's access lines keep
Django's format on a handler of their own, without propagating.

Libraries that are chatty at INFO are held at WARNING unless LOG_LEVEL=DEBUG:
- axes writes four lines for every sign-in and sign-out (its failures and lockouts are
  warnings, and the audit trail records them all anyway);
- with no broker (tasks run eagerly in the web process), Celery's "Task … succeeded" line
  and kombu's "No hostname was supplied" (Celery serialises an eager task through a producer
  of the default transport) say nothing about the portal.
"""

import logging

# Loggers held at WARNING (or at LOG_LEVEL if that is stricter) unless LOG_LEVEL=DEBUG.
CHATTY = ("axes",)
# Further loggers held quiet when Celery runs tasks eagerly (no broker).
CHATTY_WHEN_EAGER = {"celery.app.trace": "WARNING", "kombu": "ERROR"}


def _stricter(level, floor):
    """The stricter of two level names."""
    return level if logging.getLevelName(level) >= logging.getLevelName(floor) else floor


def logging_config(level="INFO", *, eager=False):
    """The dictConfig for LOG_LEVEL `level`; `eager`: Celery runs tasks in the process."""
    level = (level or "INFO").upper()
    if not isinstance(logging.getLevelName(level), int):
        raise ValueError(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {level!r}")
    verbose = level == "DEBUG"
    quiet = {name: level if verbose else _stricter(level, "WARNING") for name in CHATTY}
    if eager:
        quiet.update({name: level if verbose else _stricter(level, floor)
                      for name, floor in CHATTY_WHEN_EAGER.items()})
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
        "formatters": {
            "django.server": {"()": "django.utils.log.ServerFormatter",
                              "format": "[{server_time}] {message}", "style": "{"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler"},
            "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
            "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR",
                            "filters": ["require_debug_false"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Replaces Django's default (its own console handler + mail_admins): the console
            # is the root's.
            "django": {"handlers": ["mail_admins"], "level": level, "propagate": True},
            "django.server": {"handlers": ["django.server"], "level": _stricter(level, "INFO"),
                              "propagate": False},
            # WeasyPrint logs every layout step and fontTools every subset table at INFO (and
            # more at DEBUG): held at WARNING even when verbose.
            "weasyprint": {"level": _stricter(level, "WARNING")},
            "fontTools": {"level": _stricter(level, "WARNING")},
            **{name: {"level": value} for name, value in quiet.items()},
        },
    }
