"""The search page: accent-insensitive matching, file text, scope and bad input."""

import pytest
from django.urls import reverse

from search.models import SearchText
from search.normalize import fold
from search.query import QueryError, parse
from tests.search.helpers import docx, pdf_with_text, submit
from tests.tasks import files

pytestmark = pytest.mark.django_db

SECRET = "Trận địa pháo phòng không Khúc Thủy tại Tam Sơn"


def search(client, user, q):
    client.force_login(user)
    return client.get(reverse("search:results"), {"q": q})


def test_fold_is_accent_and_case_insensitive():
    assert fold("Dân quân TỰ VỆ Đình Bảng") == "dan quan tu ve dinh bang"
    assert fold("đ Đ") == "d d"


@pytest.mark.parametrize("raw", ["", "   ", '""', "...", "a" * 201, "dân\x00quân"])
def test_unusable_queries_are_refused(raw):
    with pytest.raises(QueryError):
        parse(raw)


def test_phrases_and_words_are_parsed():
    query = parse('"Dân quân tự vệ" huấn luyện')
    assert query.terms == (("dan", "quan", "tu", "ve"), ("huan",), ("luyen",))


@pytest.mark.parametrize("raw,message", [
    ("a" * 300, "quá dài"), ("dan\x00quan", "không hợp lệ"), ("!!!", "ít nhất một chữ"),
])
def test_bad_input_gets_a_message_not_a_500(client, cast, raw, message):
    response = search(client, cast.dinh_bang, raw)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_empty_query_shows_the_form(client, cast):
    response = search(client, cast.dinh_bang, "")
    assert response.status_code == 200
    assert 'id="search-page-q"' in response.content.decode()


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("search:results"), {"q": "dan quan"})
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_directive_text_is_found_without_accents(client, cast):
    response = search(client, cast.dinh_bang, "dan quan tu ve")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="ket-qua-directives"' in page
    assert "<mark>dân</mark> <mark>quân</mark> <mark>tự</mark> <mark>vệ</mark>" in page.lower()


def test_a_phrase_matches_only_in_order(client, cast):
    assert 'id="ket-qua-directives"' in search(client, cast.dinh_bang, '"quốc phòng"').content.decode()
    page = search(client, cast.dinh_bang, '"phòng quốc"').content.decode()
    assert 'id="ket-qua-directives"' not in page


def test_docx_and_pdf_text_is_extracted(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        word = submit(cast.tam_son, "p-tam-son", directive, "ke-hoach.docx", docx(SECRET))
    with django_capture_on_commit_callbacks(execute=True):
        pdf = submit(cast.dinh_bang, "p-dinh-bang", directive, "bao-cao.pdf",
                     pdf_with_text("Kết quả huấn luyện dân quân năm 2022"))
    word_text = SearchText.objects.get(submission=word)
    assert word_text.status == SearchText.Status.OK and SECRET in word_text.text
    assert word_text.normalized == fold(word_text.text)
    pdf_text = SearchText.objects.get(submission=pdf)
    assert pdf_text.status == SearchText.Status.OK and pdf_text.pages == 1
    assert "huấn luyện dân quân" in pdf_text.text


def test_scanned_pdf_and_images_are_marked(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        scanned = submit(cast.dinh_bang, "p-dinh-bang", directive, "scan.pdf", files.pdf_bytes())
    assert SearchText.objects.get(submission=scanned).status == SearchText.Status.NO_TEXT
    with django_capture_on_commit_callbacks(execute=True):
        image = submit(cast.tam_son, "p-tam-son", directive, "anh.png", files.image_bytes())
    assert SearchText.objects.get(submission=image).status == SearchText.Status.SKIPPED


def test_another_wards_document_never_appears(client, cast, directive, django_capture_on_commit_callbacks):
    """The phrase exists only in a file Tam Sơn uploaded: Đình Bảng finds nothing, not even
    a count; Tam Sơn, the tracking body and the Office find it, without accents."""
    with django_capture_on_commit_callbacks(execute=True):
        submit(cast.tam_son, "p-tam-son", directive, "ke-hoach.docx", docx(SECRET))
    query = '"tran dia phao phong khong khuc thuy"'
    for user in (cast.dinh_bang, cast.dinh_bang_head, cast.tuong_giang):
        page = search(client, user, query).content.decode()
        assert "Khúc Thủy" not in page and 'id="ket-qua-submissions"' not in page
        assert 'id="search-empty"' in page
    for user in (cast.tam_son, cast.reviewer, cast.office):
        page = search(client, user, query).content.decode()
        assert 'id="ket-qua-submissions"' in page
        assert "<mark>Trận địa pháo phòng không Khúc Thủy</mark>" in page
        assert "ke-hoach.docx" in page


def test_submission_metadata_is_searched_with_number_first(client, cast, directive,
                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(cast.dinh_bang, "p-dinh-bang", directive, "a.docx", docx("Nội dung khác"),
               summary="Kế hoạch tuyển quân có nhắc 12-KH/ĐU")
    with django_capture_on_commit_callbacks(execute=True):
        submit(cast.tam_son, "p-tam-son", directive, "b.docx", docx("Nội dung khác"),
               number_symbol="12-KH/ĐU", summary="Kế hoạch tuyển quân năm 2022")
    page = search(client, cast.office, "12-KH/DU").content.decode()
    section = page.split('id="ket-qua-submissions"')[1]
    # Both match; the one whose number matches comes first.
    assert "Đình Bảng" in section and section.index("Tam Sơn") < section.index("Đình Bảng")


def test_deleted_file_leaves_the_index(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(cast.tam_son, "p-tam-son", directive, "ke-hoach.docx", docx(SECRET))
    assert SearchText.objects.filter(submission=submission).exists()
    submission.delete()
    assert not SearchText.objects.exists()


def test_extraction_of_a_file_gone_is_quiet(db):
    from search.services import text_extract

    assert text_extract(987654) is None


def test_people_and_units_only_for_the_office(client, cast):
    office = search(client, cast.office, "dinh bang").content.decode()
    assert 'id="ket-qua-units"' in office and 'id="ket-qua-people"' in office
    ward = search(client, cast.dinh_bang, "dinh bang").content.decode()
    assert 'id="ket-qua-units"' not in ward and 'id="ket-qua-people"' not in ward


def test_header_search_box_on_every_page(client, cast):
    client.force_login(cast.dinh_bang)
    page = client.get(reverse("tasks:workspace")).content.decode()
    assert 'id="header-search-q"' in page and reverse("search:results") in page


def test_extraction_limits(settings):
    import io

    from search.extraction import PDF, extract

    two_pages = pdf_with_text("Trang một về dân quân", "<div style='page-break-before: always'>Trang hai về tuyển quân</div>")
    settings.SEARCH_EXTRACT_MAX_PAGES = 1
    result = extract(io.BytesIO(two_pages), PDF, len(two_pages))
    assert result.status == SearchText.Status.OK and result.truncated and result.pages == 2
    assert "dân quân" in result.text and "tuyển quân" not in result.text
    settings.SEARCH_EXTRACT_MAX_BYTES = 10
    assert extract(io.BytesIO(two_pages), PDF, len(two_pages)).status == SearchText.Status.FAILED


def test_unreadable_file_is_marked_failed(cast, directive, django_capture_on_commit_callbacks):
    from search.services import text_extract

    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(cast.tam_son, "p-tam-son", directive, "ke-hoach.docx", docx(SECRET))
    stored = submission.files.get()
    with stored.file.open("wb") as handle:
        handle.write(b"PK\x03\x04 not a document any more")
    row = text_extract(stored.pk)
    assert row.status == SearchText.Status.FAILED and row.error and row.normalized == ""


def test_assignments_match_unit_and_task_words_within_scope(client, cast, directive):
    from tests.tasks.helpers import first_assignment

    assignment = first_assignment("p-tam-son", directive)
    word = assignment.task.title.split()[-1]
    query = f"tam son {word}"
    page = search(client, cast.office, query).content.decode()
    assert reverse("tasks:assignment_detail", args=[assignment.pk]) in page
    page = search(client, cast.dinh_bang, query).content.decode()
    assert 'id="ket-qua-assignments"' not in page


def test_admin_lists_extraction_status(client, cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(cast.tam_son, "p-tam-son", directive, "scan.pdf", files.pdf_bytes())
    client.force_login(cast.admin)
    page = client.get(reverse("admin:search_searchtext_changelist"))
    assert page.status_code == 200 and "scan.pdf" in page.content.decode()
