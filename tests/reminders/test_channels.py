"""Channels are pluggable: a new one (SMS) gets every reminder without touching the rules."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from reminders import services
from reminders.channels import get_channels
from reminders.models import DeliveryStatus, ReminderLog
from tests.reminders.conftest import TODAY

DAY = datetime.timedelta(days=1)
SENT_SMS = []


class FakeSmsChannel:
    name = "sms"
    label = "Tin nhắn SMS"
    daily_digest = False

    def can_reach(self, user):
        return True

    def send(self, bundle):
        SENT_SMS.append((bundle.recipient.username, [item.headline for item in bundle.items]))


@pytest.fixture
def with_sms(settings):
    SENT_SMS.clear()
    settings.REMINDER_CHANNELS = [*settings.REMINDER_CHANNELS, "tests.reminders.test_channels.FakeSmsChannel"]


def test_a_new_channel_receives_the_reminders_of_the_existing_rules(world, travel, with_sms, django_capture_on_commit_callbacks):
    world.task(TODAY + 3 * DAY)
    world.task(TODAY - 3 * DAY)
    travel(TODAY, 0, 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()
    assert SENT_SMS == [("alice", ["Quá hạn 3 ngày", "Còn 3 ngày đến hạn"])]
    assert set(ReminderLog.objects.filter(channel="sms").values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_class_that_is_not_a_channel_is_refused(settings):
    settings.REMINDER_CHANNELS = ["collections.OrderedDict"]
    with pytest.raises(ImproperlyConfigured):
        get_channels()


def test_a_channel_removed_from_the_settings_is_skipped_not_crashed(world, travel, settings, django_capture_on_commit_callbacks):
    from reminders.models import Dispatch
    from reminders.services.delivery import deliver_dispatch

    world.task(TODAY - 7 * DAY)
    travel(TODAY, 0, 5)
    services.sweep()
    dispatch = Dispatch.objects.filter(channel="portal").first()
    settings.REMINDER_CHANNELS = ["reminders.channels.email.EmailChannel"]
    assert deliver_dispatch(dispatch.pk) == DeliveryStatus.SKIPPED
