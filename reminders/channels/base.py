"""The contract between the reminder rules and the ways a reminder reaches a person.

The rules and the sweep only write ReminderLog rows, one per channel named in
settings.REMINDER_CHANNELS; delivery hands a channel a Bundle (one recipient, one or more
items, already checked and sorted). Adding SMS or a messaging app is a new class here and
a line in the setting: nothing in the rules changes.
"""

import smtplib
from typing import Protocol, runtime_checkable

# Errors worth retrying with backoff: the mail server or the network is down or busy.
RETRYABLE_ERRORS = (smtplib.SMTPException, ConnectionError, OSError)


@runtime_checkable
class Channel(Protocol):
    #: stored in ReminderLog.channel and Dispatch.channel; never rename one in use
    name: str
    #: shown in the reminder log
    label: str
    #: True: routine reminders wait for the daily digest; False: everything goes at once
    daily_digest: bool

    def can_reach(self, user) -> bool:
        """Whether the person has an address on this channel (an e-mail, a phone number…)."""

    def send(self, bundle) -> None:
        """Deliver the bundle or raise. Raising one of RETRYABLE_ERRORS retries later."""
