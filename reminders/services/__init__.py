"""Reminder services: the sweep, the daily digest, delivery and the manual urge."""

from .delivery import deliver_dispatch
from .sweeping import SweepResult, send_daily_digests, sweep
from .urging import UrgeRefused, urge_assignment

__all__ = [
    "SweepResult",
    "UrgeRefused",
    "deliver_dispatch",
    "send_daily_digests",
    "sweep",
    "urge_assignment",
]
