"""The dashboard page's figures, as the view computes and caches them: shared by the view
and by the warmer (reports.dashboard.warming), so that both use the very same cache entries.

    ranking, options = page_options(request.GET)
    data = page_data(entry, directive, user, as_of, filters, options)
"""

from django.core.paginator import Paginator

from reports.dashboard.ranking import parse_sort, sort_units
from reports.dashboard.matrix import MATRIX_TASKS_PER_PAGE, MATRIX_UNITS_PER_PAGE
from reports.dashboard.selectors import OVERDUE_PER_PAGE, dashboard_data, piece_names
from reports.templatetags.dashboard_tags import MatrixHtml
from tuson_qp.links import url_maker

RANKING = "thi-dua"
# The unit table is paged for province-sized directives; ranks run on across pages.
UNITS_PER_PAGE = 50


def _page(value):
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def page_options(params):
    """(ranking, options) of the page from its GET parameters: the pages of the matrix (its
    units, "trang", and its tasks, "trang_nv"), of the overdue list and of the unit table, and
    the sort. The pages of the matrix and of the list name the pieces the page reads
    (page_data)."""
    ranking = params.get("che_do") == RANKING
    sort, descending = parse_sort(params.get("sap_xep"), ranking)
    return ranking, {"trang": _page(params.get("trang")), "trang_nv": _page(params.get("trang_nv")),
                     "trang_qh": _page(params.get("trang_qh")),
                     "trang_dv": params.get("trang_dv") or "", "sort": sort, "desc": descending}


def units_page(data, options):
    return Paginator(sort_units(data.units, options["sort"], options["desc"]),
                     UNITS_PER_PAGE).get_page(options["trang_dv"])


def page_data(entry, directive, user, as_of, filters, options):
    """The page's DashboardData from `entry` (caching.DashboardCache): one page of the matrix
    (its cells rendered once, kept as HTML) and of the overdue list, and every unit's row.

    The entry keeps the page as its pieces: the figures every page shares (counts, parts,
    the unit table with its ranks and names), that page of the matrix, that page of the list
    (selectors.dashboard_data). A page reads the three and computes only what is missing;
    another page of the matrix or of the list reuses the figures. The sort and the page of
    the unit table are applied by the view (units_page): the figures are the same. The three
    are read from the cache together, and what was computed written together."""

    html = MatrixHtml(url_maker("tasks:assignment_detail"))
    matrix_pages = (options["trang"], MATRIX_UNITS_PER_PAGE, options["trang_nv"], MATRIX_TASKS_PER_PAGE, html)
    with entry.together(piece_names(matrix_pages, options["trang_qh"], OVERDUE_PER_PAGE)):
        return dashboard_data(
            directive, user, as_of, filters,
            matrix_page=options["trang"], matrix_units=MATRIX_UNITS_PER_PAGE, matrix_task_page=options["trang_nv"],
            matrix_tasks=MATRIX_TASKS_PER_PAGE, overdue_page=options["trang_qh"], overdue_per_page=OVERDUE_PER_PAGE,
            memo=entry.memo, whole=entry.whole, matrix_html=html,
        )
