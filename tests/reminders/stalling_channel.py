"""A bell channel that stops mid-send, for the test of a worker killed while sending.

It writes the bell items (inside the delivery's transaction, as the real bell does), tells the
test it got there by creating the file named by REMINDER_TEST_STALL_MARKER, then waits to be
killed. Used only by the worker processes of tests/reminders/test_worker_integration.py.
"""

import os
import time
from pathlib import Path

from reminders.channels.portal import PortalChannel


class StallingPortalChannel(PortalChannel):
    def send(self, bundle):
        super().send(bundle)
        Path(os.environ["REMINDER_TEST_STALL_MARKER"]).write_text(str(bundle.dispatch_id))
        time.sleep(300)
