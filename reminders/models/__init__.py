from .log import IMMEDIATE_RULES, DeliveryStatus, Dispatch, ReminderLog, Rule, Urge
from .policy import ReminderPolicy, parse_day_list
from .urge_text import UrgeTemplate

__all__ = [
    "IMMEDIATE_RULES",
    "DeliveryStatus",
    "Dispatch",
    "ReminderLog",
    "ReminderPolicy",
    "Rule",
    "Urge",
    "UrgeTemplate",
    "parse_day_list",
]
