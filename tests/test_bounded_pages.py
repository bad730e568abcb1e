"""The pager that counts at most BOUND rows (tuson_qp.paging), the review queue and the audit
trail that use it, the review scope through a join, and the filter lists drawn without
templates (tuson_qp.widgets)."""

import datetime

import pytest
import time_machine
from django import forms
from django.urls import reverse

import audit
from audit.models import AuditEntry
from tasks.models import Submission
from tests.tasks.helpers import first_assignment, make_submission
from tests.tasks.test_review import at
from tuson_qp import paging
from tuson_qp.widgets import FastSelect

D = datetime.date


@pytest.fixture
def entries(db):
    return [audit.record("auth.login_failed", actor_name=f"nguoi.{i}") for i in range(12)]


def test_an_exact_count_up_to_the_bound(entries):
    page = paging.bounded_page(AuditEntry.objects.order_by("pk"), "2", per_page=5, bound=20)
    assert page.exact and page.count == 12 and page.num_pages == 3
    assert [e.pk for e in page] == [e.pk for e in entries[5:10]]
    assert page.has_previous and page.has_next and page.start_index() == 6


def test_past_the_bound_more_than_and_a_next_link(entries, django_assert_max_num_queries):
    qs = AuditEntry.objects.order_by("pk")
    with django_assert_max_num_queries(2):  # a count of bound + 1 rows at most, the page
        page = paging.bounded_page(qs, "2", per_page=4, bound=5)
    assert not page.exact and page.count is None and page.num_pages is None
    assert [e.pk for e in page] == [e.pk for e in entries[4:8]] and page.has_next
    last = paging.bounded_page(qs, "3", per_page=4, bound=5)
    assert [e.pk for e in last] == [e.pk for e in entries[8:]] and not last.has_next
    assert paging.bounded_count(qs, 5) == (5, False) and paging.bounded_count(qs, 12) == (12, True)


@pytest.mark.parametrize("typed, expected", [
    ("abc", 1), ("0", 1), ("-4", 1), ("", 1), (None, 1), ("2.5", 1), ("9" * 30, 3), ("1000000", 3), ("4", 3),
])
def test_any_page_number_gives_a_page(entries, typed, expected):
    for bound in (5, 20):  # past the bound, and exact
        page = paging.bounded_page(AuditEntry.objects.order_by("pk"), typed, per_page=5, bound=bound)
        assert page.number == expected and len(page) == (2 if expected == 3 else 5)


def test_an_empty_list_has_one_empty_page(db):
    page = paging.bounded_page(AuditEntry.objects.none(), "7", per_page=5)
    assert page.number == 1 and list(page) == [] and page.count == 0 and not page.has_other_pages


# --- The review queue -------------------------------------------------------------------

def _pending(cast, directive):
    made = []
    for key, who in (("p-dinh-bang", cast.dinh_bang), ("p-tuong-giang", cast.tuong_giang)):
        with time_machine.travel(at(D(2022, 1, 20)), tick=False):
            made.append(make_submission(who, first_assignment(key, directive)))
    return made


def test_the_review_scope_through_the_join_is_the_review_scope(cast, directive):
    _pending(cast, directive)
    for person in vars(cast).values():
        assert set(Submission.objects.reviewable_by(person)) == set(Submission.objects.visible_to(person, "review")), \
            person


def test_the_queue_says_more_than_the_bound_and_pages_on(client, cast, directive, monkeypatch):
    a, b = _pending(cast, directive)
    monkeypatch.setattr(paging.bounded_page, "__kwdefaults__", {"per_page": 50, "bound": 1})
    client.force_login(cast.reviewer)
    response = client.get(reverse("tasks:review_queue"), {"kind": "", "page": "1"})
    html = response.content.decode()
    assert "Hơn 1 văn bản chờ thẩm định" in html
    assert [s.pk for s in response.context["page"]] == [a.pk, b.pk]


@pytest.mark.parametrize("typed", ["abc", "-1", "9" * 30, "0"])
def test_the_queue_answers_any_page_number(client, cast, directive, typed):
    a, b = _pending(cast, directive)
    client.force_login(cast.reviewer)
    response = client.get(reverse("tasks:review_queue"), {"page": typed})
    assert response.status_code == 200 and [s.pk for s in response.context["page"]] == [a.pk, b.pk]


def test_a_unit_officer_s_queue_stays_empty_on_every_page(client, cast, directive):
    _pending(cast, directive)
    client.force_login(cast.dinh_bang)
    for typed in ("1", "2", "9" * 30):
        assert list(client.get(reverse("tasks:review_queue"), {"page": typed}).context["page"]) == []


# --- The audit trail --------------------------------------------------------------------

def test_the_list_leaves_the_changes_to_the_entry_s_page(client, cast):
    entry = audit.record("membership.add", actor=cast.office, obj=cast.dinh_bang,
                         changes={"ghi_chu": "nội dung rất dài " * 20})
    client.force_login(cast.office)
    listing = client.get(reverse("audit:list")).content.decode()
    assert "nội dung rất dài" not in listing
    assert f'href="{reverse("audit:detail", args=[entry.pk])}#thay-doi"' in listing
    page = client.get(reverse("audit:detail", args=[entry.pk]))
    assert page.status_code == 200 and "nội dung rất dài" in page.content.decode()
    client.force_login(cast.dinh_bang)
    assert client.get(reverse("audit:detail", args=[entry.pk])).status_code == 404


def test_the_audit_pages_keep_the_filters_and_answer_any_page_number(client, cast):
    for i in range(55):
        audit.record("auth.login_failed", actor_name="nguoi.la")
    client.force_login(cast.office)
    response = client.get(reverse("audit:list"), {"username": "nguoi.la"})
    assert 'href="?username=nguoi.la&amp;trang=2"' in response.content.decode()
    for typed in ("abc", "-2", "9" * 30):
        assert client.get(reverse("audit:list"), {"username": "nguoi.la", "trang": typed}).status_code == 200


# --- FastSelect -------------------------------------------------------------------------

def test_fast_select_draws_what_django_s_select_draws():
    choices = [("", "Tất cả"), (1, "Đình Bảng"), (2, "<b>Tương Giang</b>"), ("Nhóm", [(3, "Tam Sơn")])]

    class Both(forms.Form):
        slow = forms.TypedChoiceField(choices=choices, coerce=int, required=False)
        fast = forms.TypedChoiceField(choices=choices, coerce=int, required=False, widget=FastSelect)

    form = Both({"slow": "2", "fast": "2"})
    slow, fast = str(form["slow"]), str(form["fast"])
    assert _normalised(fast) == _normalised(slow).replace("slow", "fast")
    assert 'value="2" selected' in fast and "&lt;b&gt;Tương Giang&lt;/b&gt;" in fast
    assert '<optgroup label="Nhóm"><option value="3">Tam Sơn</option></optgroup>' in fast


def _normalised(html):
    """The same markup whatever the attribute order and white space."""
    from html.parser import HTMLParser

    parts = []

    class Walk(HTMLParser):
        def handle_starttag(self, tag, attrs):
            parts.append((tag, sorted((k, v or "") for k, v in attrs)))

        def handle_data(self, data):
            if data.strip():
                parts.append(data.strip())

    Walk().feed(html)
    return str(parts)
