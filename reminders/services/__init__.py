"""Reminder services: the sweep, the daily digest, delivery and the manual urge."""

from .delivery import deliver_dispatch
from .sweeping import SweepResult, send_daily_digests, sweep
from .urging import AlreadyUrgedToday, UrgeRefused, urge_assignment
from .urging_many import urge_many, urge_template_save, urgeable

__all__ = [
    "AlreadyUrgedToday",
    "SweepResult",
    "UrgeRefused",
    "deliver_dispatch",
    "send_daily_digests",
    "sweep",
    "urge_assignment",
    "urge_many",
    "urge_template_save",
    "urgeable",
]
