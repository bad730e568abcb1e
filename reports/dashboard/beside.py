"""Work run on a second database connection while the request's own connection counts.

A dashboard computed on request spends its time on two kinds of work that do not need each
other: the grouped aggregate of every assignment (reports.dashboard.aggregate.totals), and
the page of the matrix, the page of the overdue list and the units' names. On
PostgreSQL the second kind runs in a thread of its own, on that thread's own connection, at
the same time as the first:

    side = Beside(using) if Beside.possible(using) else None
    with analytic_queries(using, repeatable=side is not None):
        side.start(pieces)           # exports this transaction's snapshot, starts pieces()
        counts = totals(...)         # meanwhile, here
        found = side.result() if side.started else pieces()   # or its exception

Both read the very same data: the request's transaction is REPEATABLE READ and exports its
snapshot (pg_export_snapshot), and the thread's transaction imports it (SET TRANSACTION
SNAPSHOT) before it reads anything, so a write committed in between is seen by neither.

It shortens one request when a second core is idle; it does not make the work smaller, and
a machine busy with other requests gains nothing. Not possible inside a transaction the
caller opened (its snapshot is not REPEATABLE READ, and its uncommitted rows are its own),
nor on SQLite. settings.DASHBOARD_PARALLEL = False turns it off; DASHBOARD_PARALLEL_THREADS
(2) threads per process at most, and a request finding them all taken does the work itself.
"""

import concurrent.futures
import os
import threading

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import translation

_lock = threading.Lock()
_pool = _slots = None
_pool_pid = None


def _executor():
    """(the process's threads for this work, a semaphore of their free ones), made again in
    a process forked since (a Celery or gunicorn worker does not inherit its parent's
    threads)."""
    global _pool, _slots, _pool_pid
    with _lock:
        if _pool is None or _pool_pid != os.getpid():
            threads = getattr(settings, "DASHBOARD_PARALLEL_THREADS", 2)
            _pool = concurrent.futures.ThreadPoolExecutor(max_workers=threads,
                                                          thread_name_prefix="dashboard-beside")
            _slots = threading.BoundedSemaphore(threads)
            _pool_pid = os.getpid()
    return _pool, _slots


class Beside:
    """One piece of work run beside the request's own queries, on database alias `using`."""

    def __init__(self, using):
        self.using = using
        self.future = None

    @staticmethod
    def possible(using):
        connection = connections[using]
        return (getattr(settings, "DASHBOARD_PARALLEL", True) and connection.vendor == "postgresql"
                and not connection.in_atomic_block)

    @property
    def started(self):
        return self.future is not None

    def start(self, work):
        """Run work() on the second connection, in this transaction's snapshot and this
        thread's language. Call it inside the REPEATABLE READ transaction, once. When every
        thread is taken (other requests of this process computing theirs), nothing starts:
        the caller, seeing `started` False, does the work itself rather than wait."""
        pool, slots = _executor()
        if not slots.acquire(blocking=False):
            return
        try:
            with connections[self.using].cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                (snapshot,) = cursor.fetchone()
            self.future = pool.submit(_run, work, self.using, snapshot, translation.get_language(), slots)
        except BaseException:
            slots.release()
            raise

    def result(self):
        return self.future.result()

    def wait(self):
        """Until the work is over, whatever became of it (result() raises its error): it must
        not outlive the transaction whose snapshot it reads."""
        if self.future is not None:
            concurrent.futures.wait([self.future])


def _run(work, using, snapshot, language, slot):
    from reports.dashboard.aggregate import analytic_queries

    # This thread's connection is kept or closed as a request's is (CONN_MAX_AGE).
    close_old_connections()
    try:
        with translation.override(language), analytic_queries(using, snapshot=snapshot):
            return work()
    finally:
        close_old_connections()
        slot.release()  # before the caller gets the value: its next request finds it free
