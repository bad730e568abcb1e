"""The server-side SVG charts: self-contained, accessible, drawn from dashboard_data."""

import re
import xml.etree.ElementTree as ET

import pytest

from reports.dashboard import charts
from reports.dashboard.data import Figures, PartRow
from reports.dashboard.selectors import dashboard_data
from tests.reports.conftest import AS_OF

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def drawn(world):
    return charts.charts_for(dashboard_data(world.directive, world.reviewer, AS_OF))


def test_each_chart_is_one_well_formed_svg_with_a_title_and_a_description(drawn):
    assert set(drawn) == {"bucket_bar", "bucket_donut", "parts"}
    for name, svg in drawn.items():
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img", name
        labelled_by = root.get("aria-labelledby").split()
        ids = {el.get("id") for el in root.iter() if el.get("id")}
        assert set(labelled_by) <= ids
        assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text


def test_charts_reference_nothing_outside_themselves(drawn):
    for svg in drawn.values():
        assert "href" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
        assert "<script" not in svg and "<style" not in svg and "url(" not in svg
        assert 'font-family="Liberation Sans, Arial, Helvetica, sans-serif"' in svg


def test_the_bucket_chart_writes_the_numbers_next_to_the_colours(drawn):
    text = " ".join(ET.fromstring(drawn["bucket_bar"]).itertext())
    # Shares of all 15 assignments: the four groups partition them.
    assert "Hoàn thành đúng hạn: 4 (26,7%)" in text
    assert "Chưa hoàn thành, trong hạn: 6 (40,0%)" in text
    assert "Chưa hoàn thành, quá hạn: 4 (26,7%)" in text
    assert "15 nhiệm vụ được giao" in text


def test_the_donut_shows_the_completed_share(drawn):
    root = ET.fromstring(drawn["bucket_donut"])
    assert "33,3%" in " ".join(root.itertext())  # (4 + 1) / 15
    assert len(root.findall(f"{SVG}path")) == 4


def test_the_parts_chart_has_a_bar_per_part(drawn):
    text = " ".join(ET.fromstring(drawn["parts"]).itertext())
    for label in ("Phần 1", "Phần 2", "Phần 3", "Tổ chức thực hiện"):
        assert label in text
    assert "60,0% · 3/5" in text  # part 2: 3 of its 5 assignments completed


def test_segments_are_proportional_to_the_counts():
    summary = Figures(assignments=8, fallen_due=4, done_on_time=3, open_within=4, open_overdue=1)
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="28.00" width="([\d.]+)"', charts.bucket_bar(summary, width=400))]
    assert widths == [150.0, 200.0, 50.0]  # of all 8 assignments, work not yet due included


def test_nothing_assigned_draws_an_empty_chart_instead_of_dividing_by_zero():
    empty = Figures()
    for svg in (charts.bucket_bar(empty), charts.bucket_donut(empty),
                charts.parts_bars([PartRow(key="1", number=1, title="Một", label="1. Một")])):
        ET.fromstring(svg)
    assert "Chưa có nhiệm vụ nào được giao" in charts.bucket_bar(empty)


def test_the_figures_right_of_the_parts_bars_never_run_onto_them():
    """Each part's figures, five-digit counts at province scale, fit right of its bar in the
    sans-serif a browser here falls back to (DejaVu Sans, the widest of them, at 13 px)."""
    from PIL import ImageFont

    font = ImageFont.truetype("DejaVuSans.ttf", 13)
    parts = [PartRow(key=str(n), number=n, title="Một", label="Một", assignments=total,
                     done_on_time=done, open_within=total - done - 1, open_overdue=1)
             for n, (total, done) in enumerate([(17600, 4700), (97, 23), (5, 5)], start=1)]
    root = ET.fromstring(charts.parts_bars(parts))
    bars_end = max(float(r.get("x")) + float(r.get("width")) for r in root.iter(f"{SVG}rect"))
    figures = [t for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert [t.text for t in figures] == ["26,7% · 4700/17600", "23,7% · 23/97", "100,0% · 5/5"]
    for text in figures:
        assert float(text.get("x")) - font.getlength(text.text) > bars_end, text.text
