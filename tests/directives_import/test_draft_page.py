"""Step 2, what the page shows: every part in full, the tasks, the parser's warnings where they
belong, and the text it could not place — prominently, and never dropped."""

import re

from django.urls import reverse

from tuson_qp.notes import note_text
from directives.models import Directive, ImportDraft

from .browser import draft_url, latest_draft, paste, post_block, task

NOTE = "Ghi chú viết tay: gửi bản sao cho đồng chí Chánh Văn phòng."


def article(page, uid):
    """The HTML of one task's card on the draft page."""
    start = page.index(f'<article id="nv-{uid}"')
    return page[start:page.index("</article>", start)]


def unplaced_draft(office, seed_text):
    assert paste(office, seed_text + f"\n\n{NOTE}\n").status_code == 302
    return latest_draft()


def test_the_page_shows_header_parts_in_full_tasks_documents_and_distribution(office, draft, seed_text):
    page = office.get(draft_url(draft)).content.decode()
    assert 'value="ĐẢNG BỘ TỈNH BẮC NINH"' in page and 'value="CT/TU"' in page and 'value="04/01/2022"' in page
    for number in range(1, 7):
        assert f'id="phan-{number}"' in page
    # Part 3's full text, not only its tasks.
    assert "Làm tốt công tác chuẩn bị và tổ chức diễn tập khu vực phòng thủ cấp thành phố" in page
    assert "Phường Tam Sơn diễn tập phòng chống thiên tai" in page
    for t in draft.all_tasks():
        assert f'id="nv-{t["uid"]}"' in page
    assert 'value="21/2019/NĐ-CP"' in page and 'value="22/02/2019"' in page
    assert 'value="Thường trực Tỉnh ủy"' in page
    assert "Lê Xuân Lợi" in page
    assert "<summary>Văn bản gốc (để đối chiếu)</summary>" in page


def test_proposed_deadlines_and_units_are_summarised_on_each_task(office, draft):
    page = office.get(draft_url(draft)).content.decode()
    exercise = task(draft, "3.2")
    card = article(page, exercise["uid"])
    assert "Chủ trì: Đảng ủy phường Đình Bảng" in card
    assert "Thời hạn: 31/12/2022" in card and "đề xuất" in card
    anniversary = next(t for t in draft.all_tasks() if t["event_date"] == "2022-10-20")
    card = article(page, anniversary["uid"])
    assert "Thời hạn: 20/10/2022" in card and 'value="20/10/2022"' in card
    assert "Ngày kỷ niệm do Chỉ thị nêu (20/10/2022)" in card


def test_parser_warnings_are_shown_on_the_tasks_they_concern(office, draft):
    page = office.get(draft_url(draft)).content.decode()
    by_topic = task(draft, "1.1")
    assert any("Ban Tuyên giáo Thành ủy" in note_text(n) for n in by_topic["notes"])
    card = article(page, by_topic["uid"])
    assert "Cần kiểm tra:" in card and "đề xuất theo lĩnh vực công việc: Ban Tuyên giáo Thành ủy" in card
    by_tracking = task(draft, "2.2")
    assert "Nhiệm vụ này không nêu đơn vị chủ trì" in article(page, by_tracking["uid"])
    # A task the text gives a unit for carries no such note.
    assert "Cần kiểm tra:" not in article(page, task(draft, "3.4")["uid"])
    # The distribution warning sits with the distribution list.
    distribution = page[page.index('id="noi-nhan"'):]
    assert "Nơi nhận: dấu “}” đứng riêng dòng" in distribution[:3000]
    # The scan's note after the signature, left out of the text, is said with the signature fields.
    header = page[page.index('id="dau-van-ban"'):page.index('id="phan-1"')]
    assert "đã bỏ qua “[Handwritten signature]”" in header


def test_unplaced_text_is_shown_prominently_above_the_header(office, seed_text):
    draft = unplaced_draft(office, seed_text)
    assert draft.unplaced == [{"text": NOTE, "state": "open", "where": ""}]
    page = office.get(draft_url(draft)).content.decode()
    assert "Phần văn bản chưa được xếp" in page and NOTE in page
    assert page.index('id="chua-xep"') < page.index('id="dau-van-ban"')
    assert "1 đoạn chưa xem" in page


def test_unplaced_text_blocks_publishing_until_it_is_reviewed(office, seed_text, directive):
    Directive.objects.filter(pk=directive.pk).update(key="yaml-03")
    draft = unplaced_draft(office, seed_text)
    publish = reverse("directives:import_publish", args=[draft.pk])
    assert "Còn 1 đoạn văn bản chưa được xếp" in office.get(publish).content.decode()
    office.post(publish, {"status": "published"})
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.OPEN
    office.post(draft_url(draft), {"block": "unplaced", "revision": draft.revision, "op": "dismiss:0"})
    draft.refresh_from_db()
    assert draft.unplaced[0]["state"] == "dismissed"
    page = office.get(draft_url(draft)).content.decode()
    assert NOTE in page and "Đã xem, không đưa vào" in page  # still shown, never dropped
    assert office.post(publish, {"status": "published"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.PUBLISHED


def test_unplaced_text_can_become_a_task_of_a_part(office, seed_text):
    draft = unplaced_draft(office, seed_text)
    response = office.post(draft_url(draft), {"block": "unplaced", "revision": draft.revision,
                                              "op": "task:0", "u0-target": "5"})
    new = task(draft, "5.8")
    assert response.url.endswith(f"#nv-{new['uid']}")
    assert new["description"] == NOTE and new["lead"] == []
    assert draft.unplaced[0] == {"text": NOTE, "state": "placed", "where": "5"}
    assert "Đã đưa vào Phần 5" in office.get(draft_url(draft)).content.decode()


def test_unplaced_text_can_be_added_to_a_part_text(office, seed_text):
    draft = unplaced_draft(office, seed_text)
    office.post(draft_url(draft), {"block": "unplaced", "revision": draft.revision, "op": "text:0", "u0-target": "C"})
    draft.refresh_from_db()
    assert draft.data["directive"]["closing"].endswith(NOTE)


def test_placing_unplaced_text_needs_a_target(office, seed_text):
    draft = unplaced_draft(office, seed_text)
    response = office.post(draft_url(draft), {"block": "unplaced", "revision": draft.revision, "op": "task:0"})
    assert response.status_code == 200
    assert re.search(r'id="u0-error">Hãy chọn nơi đặt đoạn văn bản.', response.content.decode())
    draft.refresh_from_db()
    assert draft.unplaced[0]["state"] == "open"


def test_the_draft_survives_a_reload(office, draft):
    post_block(office, draft, "header", h__signer_name="Nguyễn Văn A")
    page = office.get(draft_url(draft)).content.decode()
    assert 'value="Nguyễn Văn A"' in page
