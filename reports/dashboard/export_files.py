"""The dashboard's export files, built once per data version and kept in the cache.

    found = cached_file(entry, fmt, table)            # (filename, type, bytes, units) or None
    found = build_file(entry, directive, user, form, fmt, table)   # computes and stores it

A CSV table is built in the request. The XLSX workbook of a province-sized directive
(about 300,000 cells) takes seconds of CPU, so with a Celery broker it is built by
`reports.build_dashboard_export` while the browser waits on a page that asks again
(reports.views.dashboard_export); without one (development, tests: tasks run eagerly) in the
request. While a build is queued or running, a marker in the cache keeps a second request
for the same file from queueing another.
"""

from django.core.cache import cache

from reports.dashboard import exports
from reports.dashboard.selectors import dashboard_data

BUILDING_SECONDS = 300  # a build not done by then is queued again by the next request


def file_options(fmt, table):
    return {"export": True, "file": fmt, "table": table}


def cached_file(entry, fmt, table):
    return cache.get(entry.key(file_options(fmt, table)))


def build_file(entry, directive, user, filters, fmt, table):
    """(filename, content type, bytes, number of units) of the export, from the cache or built
    and stored. `entry`: the caching.DashboardCache of the directive, user, date and filters."""

    def build():
        data = entry.get({"export": True}, lambda: dashboard_data(
            directive, user, entry.as_of, filters, matrix_units=None, matrix_tasks=None,
            overdue_per_page=None, memo=entry.memo,
        ))
        data.directive = directive
        if fmt == "csv":
            return (*exports.dashboard_csv(data, table), len(data.units))
        return (*exports.dashboard_xlsx(data), len(data.units))

    return entry.get(file_options(fmt, table), build)


def claim_build(entry, fmt, table):
    """True for the one request that should queue the build of a file not cached yet."""
    return cache.add(entry.key(file_options(fmt, table)) + ":building", 1, BUILDING_SECONDS)


def release_build(entry, fmt, table):
    cache.delete(entry.key(file_options(fmt, table)) + ":building")
