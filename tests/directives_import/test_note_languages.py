"""The parser's messages in the reader's language: a draft keeps each message's template and
values (tuson_qp.notes), so the same draft reads in Vietnamese or in English."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from directives.importer import extract_text
from directives.importer.errors import ImportTextError
from tuson_qp.notes import Note, gettext_noop, note_data, note_text

from .browser import draft_url, latest_draft, task
from .test_draft_page import article


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_note_is_its_vietnamese_text_and_translates_with_its_values():
    note = Note(gettext_noop("Ngày ban hành không hợp lệ: “%(text)s”."), text="Từ Sơn, ngày 31 tháng 02 năm 2022")
    assert note == "Ngày ban hành không hợp lệ: “Từ Sơn, ngày 31 tháng 02 năm 2022”."
    with translation.override("en"):
        assert note.translated() == "Invalid date of issue: “Từ Sơn, ngày 31 tháng 02 năm 2022”."
        assert note_text(note_data(note)) == note.translated()  # stored and read back
    with translation.override("vi"):
        assert note_text(note_data(note)) == note


def test_values_that_are_notes_or_lists_are_translated_and_joined():
    unknown = Note(gettext_noop("không rõ"))
    note = Note(gettext_noop("%(number)s: nhắc lại không nêu cơ quan ban hành, có %(count)s văn bản cùng số; "
                             "tạm gắn với văn bản đầu tiên (%(issuer)s)."), number="12-NQ/TW", count=2, issuer=unknown)
    assert note.endswith("(không rõ).")
    listed = Note(gettext_noop("Các phần đánh số không liên tục (%(numbers)s); đã đánh lại số thứ tự 1…%(count)s."),
                  numbers=["I", "III"], count=2)
    assert listed == "Các phần đánh số không liên tục (I, III); đã đánh lại số thứ tự 1…2."
    with translation.override("en"):
        assert note_text(note_data(note)).endswith("linked for now to the first one (unknown).")
        assert note_text(note_data(listed)) == "The numbered parts are not consecutive (I, III); renumbered 1…2."


def test_a_draft_made_before_notes_kept_their_template_still_shows_its_text():
    with translation.override("en"):
        assert note_text("Một ghi chú cũ, lưu dạng chữ.") == "Một ghi chú cũ, lưu dạng chữ."


def test_the_same_draft_reads_in_vietnamese_and_in_english(office, draft):
    by_topic, by_tracking = task(draft, "1.1"), task(draft, "2.2")
    vietnamese = office.get(draft_url(draft)).content.decode()
    assert "Nhiệm vụ này không nêu đơn vị chủ trì" in article(vietnamese, by_tracking["uid"])
    english = in_english(office).get(draft_url(draft)).content.decode()
    assert 'lang="en"' in english
    card = article(english, by_tracking["uid"])
    assert "This task names no lead unit; proposed:" in card and "the monitoring body" in card
    assert "Nhiệm vụ này không nêu" not in card
    # The units proposed by topic keep their (Vietnamese) names inside the English sentence.
    card = article(english, by_topic["uid"])
    assert "No lead unit named; proposed by the field of work: Ban Tuyên giáo Thành ủy" in card
    distribution = english[english.index('id="noi-nhan"'):]
    assert "Distribution: a “}” on a line of its own was read as" in distribution[:3000]
    header = english[english.index('id="dau-van-ban"'):english.index('id="phan-1"')]
    assert "Signature block: left out “[Handwritten signature]”" in header


def test_a_group_proposed_by_topic_is_named_in_the_readers_language(office, draft):
    notes = [n for t in draft.all_tasks() for n in t["notes"] if isinstance(n, dict)]
    groups = [n for n in notes if any(isinstance(u, dict) for u in n["params"].get("units", []))]
    assert groups, "the seed has a task proposed to a group of units (dissemination: every ward)"
    with translation.override("vi"):
        assert "Tất cả các phường" in note_text(groups[0])
    with translation.override("en"):
        shown = note_text(groups[0])
        assert "Tất cả các phường" not in shown and shown.startswith("No lead unit named")


def test_a_refused_file_is_explained_in_english(office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    page = in_english(office).post(reverse("directives:import_start"), {"file": upload}).content.decode()
    assert "anh.png: this is an image, with no text to read" in page
    with pytest.raises(ImportTextError) as refused:  # the importer itself still speaks Vietnamese
        extract_text("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert refused.value.message_vi == "anh.png: đây là tệp ảnh, không có chữ để đọc; hãy tải bản Word hoặc PDF có lớp chữ."


def test_a_text_that_is_no_party_document_is_refused_in_english(office):
    page = in_english(office).post(reverse("directives:import_start"),
                                   {"text": "Xin chào các đồng chí, hôm nay trời đẹp và chúng ta đi họp."}).content.decode()
    assert "Not recognised as a Party document" in page
    assert latest_draft() is None
