"""The dashboard over a reorganised tree: names and units as of the page's date, merged units
under their successor or separately (with a note), exports alike, and the cache following a
rename."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from reports.dashboard.filters import DashboardFilters
from reports.dashboard.selectors import dashboard_data
from tasks.models import Assignment, Unit
from tasks.services import reorganisation as reorg

D = datetime.date
BEFORE = D(2022, 6, 30)
NEW_KEY = "p-vi-du-hop-nhat"


@pytest.fixture(autouse=True)
def own_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests-reorg-dashboard"}}
    cache.clear()
    yield
    cache.clear()


def rows(data):
    return {r.unit_id: r for r in data.units}


def test_a_page_about_2022_after_the_demo_merge_shows_2022(cast, directive):
    before = dashboard_data(directive, cast.office, BEFORE)
    call_command("demo_reorganisation")
    after = dashboard_data(directive, cast.office, BEFORE)
    assert after.merged_mode == "rieng" and not after.merged_units
    # The same units with the same figures and 2022's names: moved and cancelled work counts
    # for the ward that held it on 30/06/2022.
    assert {k: (r.name, r.assignments, r.done, r.open_overdue) for k, r in rows(after).items()} == \
        {k: (r.name, r.assignments, r.done, r.open_overdue) for k, r in rows(before).items()}
    assert after.summary == before.summary
    new = Unit.objects.get(key=NEW_KEY)
    assert new.pk not in rows(after)
    dinh_bang = Unit.objects.get(key="p-dinh-bang")

    def cells(data):
        row = next(r for r in data.matrix.rows if r.unit_id == dinh_bang.pk)
        return row.name, [(c.assignment_id, c.state) if c else None for c in row.cells]

    assert cells(after) == cells(before)  # its cells, the moved work's included
    assert any(cells(after)[1]) and [t.key for t in after.matrix.tasks] == [t.key for t in before.matrix.tasks]


def test_after_the_merge_under_the_successor_or_separately(client, cast, directive):
    done = Assignment.objects.filter(unit__key="p-dinh-bang").order_by("pk").first()
    Assignment.objects.filter(pk=done.pk).update(completed_on=D(2022, 3, 1))  # stays with Đình Bảng
    call_command("demo_reorganisation")
    today = datetime.date.today()
    new = Unit.objects.get(key=NEW_KEY)
    sources = list(Unit.objects.filter(key__in=["p-dinh-bang", "p-tam-son"]))
    folded = dashboard_data(directive, cast.office, today)
    assert folded.merged_mode == "gop"
    assert {name for name, _to in folded.merged_units} == {u.name for u in sources}
    assert not {u.pk for u in sources} & set(rows(folded))
    apart = dashboard_data(directive, cast.office, today, DashboardFilters(merged="rieng"))
    assert apart.merged_mode == "rieng" and not apart.merged_units
    by_unit = rows(apart)
    assert rows(folded)[new.pk].assignments == sum(by_unit[pk].assignments for pk in [new.pk, *[u.pk for u in sources]]
                                                   if pk in by_unit)
    assert rows(folded)[new.pk].done == sum(by_unit[u.pk].done for u in sources if u.pk in by_unit) + by_unit[new.pk].done
    assert folded.summary == apart.summary  # the same work, shown two ways

    client.force_login(cast.office)
    url = reverse("reports:dashboard", args=[directive.pk])
    page = client.get(url).content.decode()
    assert 'id="merged-note"' in page and "Tính vào đơn vị kế thừa" in page and "hop_nhat=rieng" in page
    page = client.get(url, {"hop_nhat": "rieng"}).content.decode()
    assert 'id="merged-note"' in page and "hop_nhat=gop" in page
    assert client.get(url, {"hop_nhat": "x"}).status_code == 200  # a crafted value is refused next to its field
    workbook = load_workbook(io.BytesIO(client.get(reverse("reports:dashboard_export", args=[directive.pk]),
                                                   {"ngay": "30/06/2022"}).content))
    names = {c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "Đảng ủy phường Đình Bảng" in names and new.name not in names


def test_a_rename_shows_on_the_cached_dashboard_from_its_date_only(client, cast, directive):
    unit = Unit.objects.get(key="p-tuong-giang")
    old = unit.name
    client.force_login(cast.office)
    url = reverse("reports:dashboard", args=[directive.pk])
    assert old in client.get(url).content.decode()  # cached now
    assert old in client.get(url, {"ngay": "30/06/2022"}).content.decode()
    reorg.unit_change(actor=cast.office, unit_id=unit.pk, effective=D(2025, 7, 1), name="Đảng ủy phường Tương Giang mới")
    assert "Đảng ủy phường Tương Giang mới" in client.get(url).content.decode()
    page = client.get(url, {"ngay": "30/06/2022"}).content.decode()
    assert old in page and "Tương Giang mới" not in page
    csv = client.get(reverse("reports:dashboard_export", args=[directive.pk]),
                     {"dinh_dang": "csv", "bang": "don-vi", "ngay": "30/06/2022"}).content.decode("utf-8-sig")
    assert old in csv and "Tương Giang mới" not in csv


def test_the_ward_filter_offers_the_wards_of_the_date(client, cast, directive):
    call_command("demo_reorganisation")
    dinh_bang, new = Unit.objects.get(key="p-dinh-bang"), Unit.objects.get(key=NEW_KEY)
    client.force_login(cast.office)
    url = reverse("reports:dashboard", args=[directive.pk])
    then = client.get(url, {"ngay": "30/06/2022", "phuong": dinh_bang.pk})
    offered = dict(then.context["form"].fields["phuong"].choices)
    assert str(dinh_bang.pk) in offered and str(new.pk) not in offered
    assert not then.context["form"].errors and then.context["data"].filters.ward_id == dinh_bang.pk
    offered = dict(client.get(url).context["form"].fields["phuong"].choices)
    assert str(new.pk) in offered and str(dinh_bang.pk) not in offered


def test_the_units_history_knows_the_reorganisations_as_the_database_does(cast, directive):
    """UnitHistory (read once per data version for the dashboard) answers holders_as_of,
    cancelled_after, merged_into and whether a merge came before a day as the queries do."""
    from tasks.models import Reorganisation
    from tasks.unit_history import UnitHistory, cancelled_after, holders_as_of, merged_into

    call_command("demo_reorganisation")
    effective = Reorganisation.objects.get().effective_on
    history = UnitHistory()
    assert holders_as_of(effective - datetime.timedelta(days=1)) and merged_into()  # something to compare
    for day in (datetime.date(2022, 6, 30), effective - datetime.timedelta(days=1), effective,
                effective + datetime.timedelta(days=1)):
        assert history.holders_as_of(day) == holders_as_of(day), day
        assert history.cancelled_after(day) == cancelled_after(day), day
        assert history.merged_before(day) == Unit.objects.filter(successor__isnull=False, valid_to__lt=day).exists()
    assert history.merged_into() == merged_into()
