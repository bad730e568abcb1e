"""The channels in use, from settings.REMINDER_CHANNELS (dotted paths of Channel classes)."""

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .base import RETRYABLE_ERRORS, Channel

__all__ = ["RETRYABLE_ERRORS", "Channel", "get_channel", "get_channels"]


@lru_cache(maxsize=8)
def _load(paths):
    channels = []
    for path in paths:
        channel = import_string(path)()
        if not isinstance(channel, Channel):
            raise ImproperlyConfigured(f"REMINDER_CHANNELS: {path} does not implement Channel")
        channels.append(channel)
    names = [c.name for c in channels]
    if len(set(names)) != len(names):
        raise ImproperlyConfigured(f"REMINDER_CHANNELS: duplicate channel names {names}")
    return tuple(channels)


def get_channels():
    return _load(tuple(settings.REMINDER_CHANNELS))


def get_channel(name):
    """The configured channel called `name`, or None if it is no longer configured."""
    return next((c for c in get_channels() if c.name == name), None)


def channel_labels():
    return {c.name: c.label for c in get_channels()}
