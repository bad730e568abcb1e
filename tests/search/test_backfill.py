"""`manage.py search_backfill`: files without extracted text get it, once."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from search.extraction import VERSION
from search.models import SearchText
from tests.search.helpers import docx, pdf_with_text, submit
from tests.tasks import files

pytestmark = pytest.mark.django_db

SECRET = "Trận địa pháo phòng không Khúc Thủy tại Tam Sơn"


def backfill(*args):
    out = io.StringIO()
    call_command("search_backfill", *args, stdout=out)
    return out.getvalue()


def found(client, user, q):
    client.force_login(user)
    return 'id="ket-qua-submissions"' in client.get(reverse("search:results"), {"q": q}).content.decode()


def uploaded_before_the_feature(cast, directive):
    """Three files whose extraction never ran (no on_commit callbacks in this test): one row
    left pending (a lost task), two without any row (uploaded before the search existed)."""
    tam_son = submit(cast.tam_son, "p-tam-son", directive, "ke-hoach.docx", docx(SECRET))
    dinh_bang = submit(cast.dinh_bang, "p-dinh-bang", directive, "bao-cao.pdf",
                       pdf_with_text("Kết quả huấn luyện dân quân Đình Bảng"))
    scan = submit(cast.tuong_giang, "p-tuong-giang", directive, "scan.pdf", files.pdf_bytes())
    assert SearchText.objects.filter(status=SearchText.Status.PENDING).count() == 3
    SearchText.objects.filter(submission__in=[dinh_bang, scan]).delete()
    return tam_son, dinh_bang, scan


def test_files_without_text_are_extracted_once(client, cast, directive):
    tam_son, dinh_bang, scan = uploaded_before_the_feature(cast, directive)
    assert not found(client, cast.tam_son, "khuc thuy")
    assert "3 files need" in backfill("--dry-run")
    assert SearchText.objects.filter(status=SearchText.Status.OK).count() == 0  # dry run did nothing

    out = backfill("--batch", "2")
    assert "done: 3 files: 2 with text, 1 scanned PDFs without text" in out and "0 failed" in out
    assert "  2/3:" in out  # progress after the first batch of two
    rows = {r.submission_id: r for r in SearchText.objects.all()}
    assert rows[tam_son.pk].status == SearchText.Status.OK and "Khúc Thủy" in rows[tam_son.pk].text
    assert rows[dinh_bang.pk].status == SearchText.Status.OK and rows[dinh_bang.pk].pages == 1
    assert rows[scan.pk].status == SearchText.Status.NO_TEXT
    assert {r.extractor_version for r in rows.values()} == {VERSION}

    stamps = dict(SearchText.objects.values_list("pk", "extracted_at"))
    out = backfill()
    assert "0 files need" in out and "done: 0 files" in out
    assert dict(SearchText.objects.values_list("pk", "extracted_at")) == stamps

    # Scope still holds: the text is found by its own ward only (and the tracking body).
    assert found(client, cast.tam_son, "khuc thuy") and found(client, cast.reviewer, "khuc thuy")
    assert not found(client, cast.dinh_bang, "khuc thuy") and not found(client, cast.tuong_giang, "khuc thuy")
    assert found(client, cast.dinh_bang, "huan luyen dinh bang")
    assert not found(client, cast.tam_son, "huan luyen dinh bang")


def test_a_corrupt_file_is_counted_and_the_run_goes_on(cast, directive):
    tam_son, dinh_bang, scan = uploaded_before_the_feature(cast, directive)
    with tam_son.files.get().file.open("wb") as handle:  # the first file the run meets
        handle.write(b"PK\x03\x04 not a document any more")
    out = backfill("--batch", "1")
    assert "done: 3 files: 1 with text, 1 scanned PDFs without text" in out and "1 failed" in out
    failed = SearchText.objects.get(submission=tam_son)
    assert failed.status == SearchText.Status.FAILED and failed.error
    assert SearchText.objects.get(submission=dinh_bang).status == SearchText.Status.OK
    # A failure is not retried on every run, only when asked.
    assert "0 files need" in backfill()
    assert "1 files need" in backfill("--retry-failed", "--dry-run")


def test_an_older_extraction_is_redone_and_limit_stops_early(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tam_son = submit(cast.tam_son, "p-tam-son", directive, "ke-hoach.docx", docx(SECRET))
        dinh_bang = submit(cast.dinh_bang, "p-dinh-bang", directive, "a.docx", docx("Dân quân Đình Bảng"))
    assert "0 files need" in backfill("--dry-run")
    SearchText.objects.update(extractor_version=VERSION - 1, text="", normalized="")
    out = backfill("--limit", "1")
    assert "2 files need their text extracted; extracting 1" in out and "done: 1 files" in out
    texts = dict(SearchText.objects.values_list("submission_id", "text"))
    assert SECRET in texts[tam_son.pk] and texts[dinh_bang.pk] == ""  # by id: the first only
    backfill()
    assert "Dân quân" in SearchText.objects.get(submission=dinh_bang).text


@pytest.mark.parametrize("args", [("--batch", "0"), ("--limit", "-3"), ("--batch", "abc")])
def test_bad_arguments_are_refused(db, args):
    with pytest.raises(CommandError):
        backfill(*args)
