"""Paging the API's long lists without counting or sorting every row at each request.

A tracking body's assignment list holds 100,000 rows, ordered by directive, part, task and
unit name: PostgreSQL sorted them all (top-N) for each page, 150 ms, and counted them again
for the page's `count`, 35 ms; the pending submissions' count scanned every assignment for
the permission test, 35 ms (docs/performance.md). Here:

- `TaskBlockPagination` (assignments): one grouped count gives the rows of each task; the
  tasks, in the list's order, tell which of them hold the requested page's rows, and only
  their rows are read and sorted. The page is the plain ORM's page: the same rows in the same
  order, with the same count and links.
- `CachedCountPagination` (submissions): the count alone.

The page's rows are read without parallel workers (`serial_plans`).

Both keep what they count (the blocks, the count) in Django's cache under a key holding the
query's SQL (its filters, the user's role and the "as of" date shape it), the user's scope
(the units they work for and the directives they track: grants are not data-versioned) and
the data version (reports.versioning: triggers bump it at every write to assignments,
submissions, tasks, parts…). A key is never invalidated: any change makes new keys, so a
cached figure is the figure of the current data. The rows themselves are always read live,
through the view's `visible_to` queryset. Unit officers' short lists are counted at each
request, uncached.
"""

import functools
import hashlib
from contextlib import contextmanager

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import Count
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

from accounts import roles
from directives.models import Task
from reports.dashboard.caching import scope_key
from reports.versioning import read_version

KEY_PREFIX = "api:paging:v1"
TIMEOUT = 3600  # seconds; only bounds the cache's size, as a write makes new keys anyway


def cached_for(user, purpose, queryset, compute):
    """compute() or its value cached for `purpose`, the rows of `queryset`, the user's scope
    and the current data version. The version is read first, so what is stored under it is at
    least as new as it.

    Only for those who see whole directives (the Office, observers, a tracking body): a
    unit's lists are a few hundred rows, counted sooner than the key is made (its scope
    takes two queries, 3 ms)."""
    if not (roles.sees_everything(user) or roles.is_reviewer(user)):
        return compute()
    version = read_version(using=queryset.db)
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    parts = [purpose, sql, repr(params), scope_key(user, whole=False), version]
    key = f"{KEY_PREFIX}:{hashlib.sha256(chr(31).join(parts).encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


@contextmanager
def serial_plans(using):
    """PostgreSQL: the queries run inside use no parallel workers. A page is a hundred rows,
    but the planner estimates that the permission test keeps three quarters of the
    assignments whatever they hold (docs/performance.md, "The permission filter") and plans
    the pending submissions' page with a worker: starting it took 13 ms, the page alone 2.
    SET LOCAL, in a transaction (or savepoint) of its own, set back at the end."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield
        cursor.execute("SET LOCAL max_parallel_workers_per_gather TO DEFAULT")


def task_blocks(queryset, task_order):
    """[(task ids, number of rows)] of an assignment queryset, in the order `task_order`
    (fields of Task) puts the tasks. Tasks equal in that order share a block: the list
    interleaves their rows. Two queries: the rows per task (grouped by the task alone, a hash
    aggregate; grouping by the ordering columns too sorted the 100,000 rows), then the tasks'
    order, from the database so NULLs (closing tasks have no part) sort as in the list."""
    rows = dict(queryset.order_by().values_list("task_id").annotate(n=Count("pk")))
    tasks = Task.objects.filter(pk__in=rows).order_by(*task_order, "pk").values_list("pk", *task_order)
    blocks, previous = [], None
    for pk, *place in tasks:
        if blocks and place == previous:
            ids, n = blocks[-1]
            blocks[-1] = (ids + (pk,), n + rows[pk])
        else:
            blocks.append(((pk,), rows[pk]))
        previous = place
    return blocks


class CountedPaginator(Paginator):
    """A paginator told its count instead of asking the database."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self.count = count  # replaces Paginator.count, a cached_property


class TaskBlockPaginator(Paginator):
    """Pages of assignments ordered task by task (then within a task), read block by block.

    The rows of the blocks that overlap the page, in the list's order, are a contiguous
    stretch of the whole list that starts where the first of them does: the page is that
    stretch's slice, shifted by the rows of the blocks before it."""

    def __init__(self, object_list, per_page, *, blocks):
        super().__init__(object_list, per_page)
        self.blocks = blocks

    @cached_property
    def count(self):
        return sum(n for _ids, n in self.blocks)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        first, task_ids, start = None, [], 0
        for ids, n in self.blocks:
            if start < top and start + n > bottom:
                first = start if first is None else first
                task_ids.extend(ids)
            start += n
        if not task_ids:  # an empty list's only page
            return self._get_page(self.object_list.none(), number, self)
        rows = self.object_list.filter(task_id__in=task_ids)[bottom - first:top - first]
        return self._get_page(rows, number, self)


class _Pagination(PageNumberPagination):
    """Page numbers as usual; `paginator(queryset, request, view)` gives the paginator,
    told what it would otherwise count."""

    def paginate_queryset(self, queryset, request, view=None):
        self.django_paginator_class = self.paginator(queryset, request, view)
        with serial_plans(queryset.db):
            return super().paginate_queryset(queryset, request, view)


class CachedCountPagination(_Pagination):
    """The count comes from the cache (cached_for)."""

    def paginator(self, queryset, request, view):
        count = cached_for(request.user, "count", queryset, queryset.count)
        return functools.partial(CountedPaginator, count=count)


class TaskBlockPagination(_Pagination):
    """Over an assignment list whose view orders it by `view.task_order` (fields of Task, the
    list's leading order through `task__`), then within each task."""

    def paginator(self, queryset, request, view):
        task_order = view.task_order
        blocks = cached_for(request.user, f"task-blocks:{','.join(task_order)}", queryset,
                            lambda: task_blocks(queryset, task_order))
        return functools.partial(TaskBlockPaginator, blocks=blocks)
