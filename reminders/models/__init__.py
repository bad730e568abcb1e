from .log import IMMEDIATE_RULES, DeliveryStatus, Dispatch, ReminderLog, Rule, Urge
from .policy import ReminderPolicy, parse_day_list

__all__ = [
    "IMMEDIATE_RULES",
    "DeliveryStatus",
    "Dispatch",
    "ReminderLog",
    "ReminderPolicy",
    "Rule",
    "Urge",
    "parse_day_list",
]
