"""A pager that never counts more rows than it shows a number for.

Django's Paginator counts every row for "page 3 of 200": over the 10,000 submissions waiting
in a province's review queue, or a year of the audit trail, the count cost more than the page.
`bounded_page` counts at most BOUND + 1 rows (COUNT over a LIMIT): up to BOUND the page says
"3/20", past it "more than 1,000" and "page 3" with a link to the next page while there is one.

    page = bounded_page(queryset, request.GET.get("trang"), per_page=50)
    page.object_list, page.number, page.count (None past the bound), page.num_pages (idem)

A page number that is not a number, or below 1, gives the first page; one past the end gives
the last (found by counting, which only such an address pays for). A caller that can name
what the count depends on keeps it in the cache (`count_key`).
"""

import math
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.formats import number_format

BOUND = 1000
# How long a count kept under a caller's key stays cached (its key changes with the data).
COUNT_SECONDS = 3600
# A page number no list reaches; larger numbers are treated as past the end without asking
# the database for an OFFSET it cannot hold.
MAX_PAGE = 10**6


@dataclass
class BoundedPage:
    object_list: list
    number: int
    per_page: int
    count: int | None  # None: more than `bound`
    bound: int
    has_next: bool

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def exact(self):
        return self.count is not None

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / self.per_page)) if self.exact else None

    @property
    def bound_text(self):
        """The bound as the locale writes it ("1.000", "1,000")."""
        return number_format(self.bound, force_grouping=True)

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1

    def start_index(self):
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0


def bounded_count(queryset, bound=BOUND):
    """(the number of rows, True) up to `bound`; (bound, False) past it. Any bound + 1 rows
    tell: no ORDER BY, no columns."""
    count = queryset.order_by().values("pk")[: bound + 1].count()
    return (count, True) if count <= bound else (bound, False)


def _number(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return max(1, number)


def _count(queryset, bound, key):
    """bounded_count, kept in the cache under `key` when given."""
    if key is None:
        return bounded_count(queryset, bound)
    key = f"{key}:{bound}"
    found = cache.get(key)
    if found is None:
        found = bounded_count(queryset, bound)
        cache.set(key, found, COUNT_SECONDS)
    return tuple(found)


def bounded_page(queryset, number, *, per_page=50, bound=BOUND, count_key=None):
    """The page `number` (as typed in the address) of an ordered queryset. `count_key`: a
    cache key under which its count is kept, naming everything the count depends on (the
    data version, the user's scope, the filters); None: counted each time."""
    number = _number(number)
    count, exact = _count(queryset, bound, count_key)
    if exact:
        last = max(1, math.ceil(count / per_page))
        number = min(number, last)
        start = (number - 1) * per_page
        rows = list(queryset[start: start + per_page])
        return BoundedPage(rows, number, per_page, count, bound, has_next=number < last)
    if number <= MAX_PAGE:
        start = (number - 1) * per_page
        rows = list(queryset[start: start + per_page + 1])
        if rows or number == 1:
            return BoundedPage(rows[:per_page], number, per_page, None, bound, has_next=len(rows) > per_page)
    # Past the end (a stale or crafted address): the last page.
    number = max(1, math.ceil(queryset.order_by().values("pk").count() / per_page))
    start = (number - 1) * per_page
    return BoundedPage(list(queryset[start: start + per_page]), number, per_page, None, bound, has_next=False)
