"""The groups that look for matches before building the user's scope (search.selectors): they
must show exactly what one scoped query shows, and skip the scope when nothing matches."""

import pytest
from django.db.models import BooleanField, Case, Q, Value, When

from reports.models import Report
from search import selectors
from search.matching import Matches
from search.query import SearchQuery, parse
from tasks.models import Unit
from tests.search.helpers import docx, submit

pytestmark = pytest.mark.django_db

USERS = ["office", "reviewer", "observer", "tam_son", "dinh_bang"]


def one_scoped_query(user, query):
    """The assignments group as a single query over the user's scope (before the lookups)."""
    from directives.models import Task
    from tasks.models import Assignment

    qs = Assignment.objects.visible_to(user, "view")
    for term in query.terms:
        one = SearchQuery(raw=query.raw, terms=(term,))
        qs = qs.filter(
            Q(task_id__in=Task.objects.filter(Matches("key", "title", query=one)).values("pk"))
            | Q(unit_id__in=Unit.objects.filter(Matches("name", "short_name", query=one)).values("pk")))
    title_tasks = Task.objects.filter(Matches("key", "title", query=query)).values("pk")
    hit = Case(When(task_id__in=title_tasks, then=Value(True)), default=Value(False), output_field=BooleanField())
    found = list(qs.annotate(title_hit=hit).order_by("-title_hit", "due_date", "pk")
                 .values_list("pk", flat=True)[:selectors.LIMIT + 1])
    return found[:selectors.LIMIT], len(found) > selectors.LIMIT


@pytest.mark.parametrize("limit", [3, 10])
def test_assignments_are_those_of_one_scoped_query_in_its_order(cast, monkeypatch, limit):
    from django.urls import reverse

    monkeypatch.setattr(selectors, "LIMIT", limit)
    queries = ["dân quân", "xây dựng", "tam son", "tam son huấn luyện", '"khu vực phòng thủ"', "tự vệ",
               "thành phố", "2.8 dan quan", "xyzzy"]
    for name in USERS:
        user = getattr(cast, name)
        for raw in queries:
            query = parse(raw)
            ids, more = one_scoped_query(user, query)
            group = selectors.assignments(user, query)
            assert [r.url for r in group.results] == \
                [reverse("tasks:assignment_detail", args=[pk]) for pk in ids], (name, raw)
            assert group.more == more, (name, raw)


def test_a_term_in_no_task_and_no_unit_reads_no_assignment(cast, django_assert_num_queries):
    # The first term's two lookups (tasks, units), then nothing.
    with django_assert_num_queries(2):
        group = selectors.assignments(cast.reviewer, parse("xyzzy dân quân"))
    assert group.results == []


def reports_of(user, raw):
    return [r.url for r in selectors.reports(user, parse(raw)).results]


def test_reports_are_found_within_scope_only(cast, directive, django_assert_num_queries):
    tam_son = Unit.objects.get(key="p-tam-son")
    Report.objects.create(kind=Report.Kind.UNIT, directive=directive, unit=tam_son, author_unit=tam_son,
                          requested_by=cast.tam_son)
    Report.objects.create(kind=Report.Kind.DIRECTIVE_PROGRESS, directive=directive,
                          requested_by=cast.reviewer, author_unit=Unit.objects.get(key="duqs"))
    assert len(reports_of(cast.tam_son, "tam son")) == 1
    for user in (cast.dinh_bang, cast.tuong_giang):
        assert reports_of(user, "tam son") == []
    assert len(reports_of(cast.reviewer, directive.number)) == 1
    assert reports_of(cast.dinh_bang, directive.number) == []
    # A word no report holds: one query, the scope is not built.
    with django_assert_num_queries(1):
        assert reports_of(cast.office, "xyzzy") == []


def test_the_directive_scope_is_read_once_per_search(cast, monkeypatch):
    from directives.querysets import DirectiveQuerySet

    calls = []
    real = DirectiveQuerySet.visible_to

    def counted(self, user, action="view"):
        calls.append(action)
        return real(self, user, action)

    monkeypatch.setattr(DirectiveQuerySet, "visible_to", counted)
    groups = {g.key: g for g in selectors.search(cast.dinh_bang, parse("dân quân"))}
    assert groups["directives"].results and groups["tasks"].results
    assert calls == ["view"]


def test_no_metadata_match_runs_no_scoped_metadata_query(cast, monkeypatch):
    def fail(*args):
        raise AssertionError("the scoped metadata queries ran")

    monkeypatch.setattr(selectors, "_newest_number_first", fail)
    assert selectors.submissions(cast.reviewer, parse("xyzzy")).results == []


@pytest.mark.parametrize("listed", [2000, 0])
def test_metadata_matches_alike_with_a_listed_scope_or_the_subquery(cast, directive, monkeypatch,
                                                                    django_capture_on_commit_callbacks, listed):
    monkeypatch.setattr(selectors, "LISTED_SCOPE", listed)
    with django_capture_on_commit_callbacks(execute=True):
        submit(cast.tam_son, "p-tam-son", directive, "a.docx", docx("Nội dung"), number_symbol="07-KH/ĐU",
               summary="Kế hoạch huấn luyện dân quân")
    with django_capture_on_commit_callbacks(execute=True):
        submit(cast.dinh_bang, "p-dinh-bang", directive, "b.docx", docx("Nội dung"),
               summary="Báo cáo huấn luyện 07-KH/ĐU")

    def units(user, raw):
        return [r.meta.split(" · ")[0] for r in selectors.submissions(user, parse(raw)).results]

    tam_son, dinh_bang = "Đảng ủy phường Tam Sơn", "Đảng ủy phường Đình Bảng"
    # The number match first, then the newest.
    assert units(cast.reviewer, "07-KH/ĐU") == [tam_son, dinh_bang]
    assert units(cast.tam_son, "07 KH DU") == [tam_son]
    assert units(cast.dinh_bang, "huấn luyện") == [dinh_bang]
    assert units(cast.tuong_giang, "huấn luyện") == []


def test_the_search_page_runs_a_bounded_number_of_queries(client, cast, django_assert_max_num_queries):
    from django.urls import reverse

    client.force_login(cast.reviewer)
    client.get(reverse("search:results"), {"q": "dân quân"})
    with django_assert_max_num_queries(30):
        response = client.get(reverse("search:results"), {"q": "dân quân"})
    assert 'id="ket-qua-directives"' in response.content.decode()
