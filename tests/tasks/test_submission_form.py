"""The unit's submission form: what it records, what it refuses, and that a refusal leaves
nothing behind."""

import hashlib
import re

import pytest
from django.urls import reverse

import audit
from audit.models import AuditEntry
from notifications.models import Notification
from tasks.models import Submission, SubmissionFile
from tests.tasks import files
from tests.tasks.helpers import make_submission, post_submission, stored_files, submission_data


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.dinh_bang)
    return client


def test_officer_submits_a_resolution_with_two_files(officer, cast, resolution_assignment, media_root):
    pdf, docx = files.pdf_bytes(), files.docx_bytes()
    response = post_submission(officer, resolution_assignment, [
        files.upload("Nghị quyết 05-NQ-ĐU.pdf", pdf), files.upload("Phụ lục kèm theo.docx", docx),
    ])
    submission = Submission.objects.get(assignment=resolution_assignment)
    assert response.status_code == 302
    assert response.url.endswith(f"#van-ban-{submission.pk}")
    assert (submission.version, submission.kind, submission.number_symbol, submission.status) == (
        1, "resolution", "05-NQ/ĐU", "pending")
    assert submission.issued_on.isoformat() == "2022-01-15"
    assert submission.submitted_by == cast.dinh_bang
    stored = list(submission.files.order_by("pk"))
    assert [f.original_name for f in stored] == ["Nghị quyết 05-NQ-ĐU.pdf", "Phụ lục kèm theo.docx"]
    assert [f.sha256 for f in stored] == [hashlib.sha256(pdf).hexdigest(), hashlib.sha256(docx).hexdigest()]
    assert [f.size for f in stored] == [len(pdf), len(docx)]
    assert stored[0].content_type == "application/pdf"
    on_disk = stored_files(media_root)
    assert on_disk == sorted(f.file.name for f in stored)
    for name in on_disk:
        # Names the server made: the month, a random id and the extension of the content.
        assert name.startswith("submissions/") and "ĐU" not in name and "Ngh" not in name
    assert (media_root / stored[0].file.name).read_bytes() == pdf
    entry = AuditEntry.objects.get(action=audit.actions.SUBMISSION_UPLOADED)
    assert entry.actor == cast.dinh_bang and entry.object_id == str(submission.pk)
    assert Notification.objects.filter(recipient=cast.reviewer, kind="submitted").count() == 1
    assert not Notification.objects.filter(recipient=cast.tuong_giang).exists()


def test_stored_files_live_outside_static_and_no_url_serves_them(client, settings, resolution_assignment, cast):
    from django.urls import Resolver404, resolve

    make_submission(cast.dinh_bang, resolution_assignment)
    stored = SubmissionFile.objects.get()
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.BASE_DIR / "static"))
    assert stored.file.name.startswith("submissions/")
    direct = f"{settings.MEDIA_URL}{stored.file.name}"
    with pytest.raises(Resolver404):
        resolve(direct)
    client.force_login(cast.dinh_bang)
    assert client.get(direct).status_code == 404


def assert_nothing_written(media_root):
    assert not Submission.objects.exists()
    assert not SubmissionFile.objects.exists()
    assert stored_files(media_root) == []


def test_bad_number_symbol_is_refused_and_the_form_keeps_what_was_typed(officer, resolution_assignment, media_root):
    response = post_submission(officer, resolution_assignment, [files.upload("nq.pdf", files.pdf_bytes())],
                               number_symbol="NQ 05/ĐU", signer="Nguyễn Văn Bình",
                               summary="Nghị quyết về công tác quân sự địa phương")
    assert response.status_code == 200
    form = response.context["form"]
    assert "không đúng mẫu" in form.errors["number_symbol"][0]
    html = response.content.decode()
    assert 'value="NQ 05/ĐU"' in html and 'value="Nguyễn Văn Bình"' in html
    assert "Nghị quyết về công tác quân sự địa phương" in html
    assert 'aria-describedby="id_number_symbol_helptext id_number_symbol_error"' in html
    assert 'id="id_number_symbol_error"' in html and "is-invalid" in html
    assert "hãy chọn lại tệp" in html
    assert_nothing_written(media_root)


@pytest.mark.parametrize("symbol, expected", [
    ("05-nq/đu", "05-NQ/ĐU"),
    ("Số 05-NQ/ĐU", "05-NQ/ĐU"),
    ("05 - NQ / ĐU", "05-NQ/ĐU"),
    ("05\u2013NQ/\u00d0U", "05-NQ/ĐU"),  # en dash and the TCVN3 "Ð", as copied from a document
])
def test_number_symbol_is_written_canonically(officer, resolution_assignment, symbol, expected):
    post_submission(officer, resolution_assignment, [files.upload("nq.pdf", files.pdf_bytes())],
                    number_symbol=symbol)
    assert Submission.objects.get().number_symbol == expected


def test_symbol_of_another_kind_is_refused(officer, resolution_assignment, media_root):
    response = post_submission(officer, resolution_assignment, [files.upload("nq.pdf", files.pdf_bytes())],
                               number_symbol="12-KH/ĐU")
    assert "không khớp loại văn bản" in response.context["form"].errors["number_symbol"][0]
    assert_nothing_written(media_root)


def test_future_issue_date_is_refused(officer, resolution_assignment, media_root):
    response = post_submission(officer, resolution_assignment, [files.upload("nq.pdf", files.pdf_bytes())],
                               issued_on="01/01/2099")
    assert "tương lai" in response.context["form"].errors["issued_on"][0]
    assert 'value="01/01/2099"' in response.content.decode()
    assert_nothing_written(media_root)


def test_badly_written_date_is_refused_with_the_expected_format(officer, resolution_assignment):
    response = post_submission(officer, resolution_assignment, [files.upload("nq.pdf", files.pdf_bytes())],
                               issued_on="31/02/2022")
    assert "dd/mm/yyyy" in response.context["form"].errors["issued_on"][0]


def test_resolution_needs_symbol_date_and_signer(officer, resolution_assignment):
    response = post_submission(officer, resolution_assignment, [files.upload("nq.pdf", files.pdf_bytes())],
                               number_symbol="", issued_on="", signer="")
    errors = response.context["form"].errors
    assert set(errors) == {"number_symbol", "issued_on", "signer"}


def test_no_file_is_refused(officer, resolution_assignment):
    response = post_submission(officer, resolution_assignment, [])
    assert response.context["form"].errors["files"] == ["Hãy chọn ít nhất một tệp đính kèm."]


BAD_FILES = [
    ("anh-chup.png", files.html_bytes, "trang web"),
    ("nghi-quyet.pdf", files.elf_bytes, "tệp chương trình"),
    ("nghi-quyet.pdf", files.windows_exe_bytes, "tệp chương trình"),
    ("phu-luc.docx", files.zip_bomb_docx_bytes, "bom nén"),
    ("trong.pdf", lambda: b"", "rỗng"),
]


@pytest.mark.parametrize("name, build, words", BAD_FILES, ids=[b[0] + "-" + b[2] for b in BAD_FILES])
def test_one_bad_file_refuses_the_whole_submission(officer, resolution_assignment, media_root, name, build, words):
    response = post_submission(officer, resolution_assignment, [
        files.upload("Nghị quyết.pdf", files.pdf_bytes()), files.upload(name, build()),
    ])
    assert response.status_code == 200
    [message] = response.context["form"].errors["files"]
    assert f"“{name}”" in message and words in message
    assert message in response.content.decode()
    assert_nothing_written(media_root)


def test_oversize_file_is_refused(officer, resolution_assignment, media_root, settings):
    settings.TUSON_MAX_UPLOAD_MB = 1
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10) + b"\n%%EOF\n"
    response = post_submission(officer, resolution_assignment, [files.upload("bao-cao-lon.pdf", big)])
    [message] = response.context["form"].errors["files"]
    assert "“bao-cao-lon.pdf”" in message and "vượt quá giới hạn 1 MB" in message
    assert_nothing_written(media_root)


def test_failure_after_files_are_stored_removes_them(monkeypatch, cast, resolution_assignment, media_root):
    from tasks.services import submissions

    def broken_audit(*args, **kwargs):
        assert len(stored_files(media_root)) == 1  # the file was stored before the failure
        raise RuntimeError("database went away")

    monkeypatch.setattr(submissions.audit, "record", broken_audit)
    with pytest.raises(RuntimeError):
        make_submission(cast.dinh_bang, resolution_assignment)
    assert_nothing_written(media_root)


def test_double_submitted_form_creates_one_submission(officer, resolution_assignment, media_root):
    data = submission_data([files.upload("nq.pdf", files.pdf_bytes())])
    url = reverse("tasks:submission_create", args=[resolution_assignment.pk])
    first = officer.post(url, data)
    data["files"] = [files.upload("nq.pdf", files.pdf_bytes())]
    second = officer.post(url, data, follow=True)
    submission = Submission.objects.get()
    assert first.url == second.redirect_chain[-1][0]
    assert "đã được nộp" in second.content.decode()
    assert SubmissionFile.objects.count() == 1 and len(stored_files(media_root)) == 1
    assert submission.client_token is not None


def test_same_token_twice_in_the_service_returns_the_first(cast, resolution_assignment, media_root):
    import uuid

    from tasks.services import submission_create
    from tasks.uploads import inspect_upload

    token = uuid.uuid4()
    results = [
        submission_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk, client_token=token,
                          data={"kind": "evidence", "summary": "Ảnh"},
                          files=[inspect_upload(files.upload("a.png", files.image_bytes()))])
        for _ in range(2)
    ]
    assert results[0][0] == results[1][0] and [r[1] for r in results] == [True, False]
    assert len(stored_files(media_root)) == 1


def test_second_submission_while_one_is_pending_is_refused(officer, cast, resolution_assignment, media_root):
    make_submission(cast.dinh_bang, resolution_assignment)
    response = officer.get(reverse("tasks:submission_create", args=[resolution_assignment.pk]))
    assert "đang chờ thẩm định" in response.context["blocked"]
    response = post_submission(officer, resolution_assignment, [files.upload("nq2.pdf", files.pdf_bytes())])
    assert "đang chờ thẩm định" in response.context["form"].non_field_errors()[0]
    assert Submission.objects.count() == 1 and len(stored_files(media_root)) == 1


def test_target_field_appears_only_where_the_task_has_a_target(officer, resolution_assignment):
    task = resolution_assignment.task
    url = reverse("tasks:submission_create", args=[resolution_assignment.pk])
    task.target_value, task.target_unit = None, ""
    task.save()
    assert "reported_value" not in officer.get(url).context["form"].fields
    task.target_value, task.target_unit = 100, "% chỉ tiêu giao quân"
    task.save()
    form = officer.get(url).context["form"]
    assert "Chỉ tiêu giao: 100 % chỉ tiêu giao quân." == form.fields["reported_value"].help_text
    response = post_submission(officer, resolution_assignment, [files.upload("bc.pdf", files.pdf_bytes())],
                               kind="final", number_symbol="15-BC/ĐU", reported_value="")
    assert "phải ghi kết quả đạt được" in response.context["form"].errors["reported_value"][0]
    post_submission(officer, resolution_assignment, [files.upload("bc.pdf", files.pdf_bytes())],
                    kind="final", number_symbol="15-BC/ĐU", reported_value="97.5")
    assert str(Submission.objects.get().reported_value) == "97.50"


def test_officer_of_another_ward_gets_404(client, cast, resolution_assignment):
    client.force_login(cast.tuong_giang)
    url = reverse("tasks:submission_create", args=[resolution_assignment.pk])
    assert client.get(url).status_code == 404
    assert post_submission(client, resolution_assignment, [files.upload("a.pdf", files.pdf_bytes())]).status_code == 404
    assert not Submission.objects.exists()


def test_reviewer_cannot_submit_for_a_ward(client, cast, resolution_assignment):
    client.force_login(cast.reviewer)
    assert client.get(reverse("tasks:submission_create", args=[resolution_assignment.pk])).status_code == 404


@pytest.fixture
def target_assignment(resolution_assignment):
    task = resolution_assignment.task
    task.target_value, task.target_unit = 100, "% chỉ tiêu giao quân"
    task.save()
    return resolution_assignment


@pytest.mark.parametrize("typed, stored", [
    ("97,5", "97.50"),        # the Vietnamese decimal comma, as the field's own message suggests
    ("97.5", "97.50"),
    ("1.234,5", "1234.50"),   # Vietnamese grouping
    ("1,234.5", "1234.50"),   # English grouping
    (" 100 ", "100.00"),
])
def test_reported_value_accepts_the_vietnamese_decimal_comma(officer, target_assignment, typed, stored):
    response = post_submission(officer, target_assignment, [files.upload("bc.pdf", files.pdf_bytes())],
                               kind="final", number_symbol="15-BC/ĐU", reported_value=typed)
    assert response.status_code == 302, response.context["form"].errors
    assert str(Submission.objects.get().reported_value) == stored


def test_reported_value_is_a_text_box_that_keeps_what_was_typed(officer, target_assignment, media_root):
    # A browser's number box sends nothing for "97,5" in an English-locale browser: the
    # refusal would then say the value is missing and show an empty box.
    html = officer.get(reverse("tasks:submission_create", args=[target_assignment.pk])).content.decode()
    field = re.search(r'<input[^>]*name="reported_value"[^>]*>', html).group(0)
    assert 'type="text"' in field and 'inputmode="decimal"' in field
    response = post_submission(officer, target_assignment, [files.upload("bc.pdf", files.pdf_bytes())],
                               kind="final", number_symbol="15-BC/ĐU", reported_value="97,5 %")
    assert response.context["form"].errors["reported_value"] == ["Hãy nhập một số, ví dụ 100 hoặc 97,5."]
    assert 'value="97,5 %"' in response.content.decode()
    assert_nothing_written(media_root)


def test_more_files_than_allowed_are_refused(officer, resolution_assignment, media_root, settings):
    settings.TUSON_MAX_UPLOAD_FILES = 2
    uploads = [files.upload(f"phu-luc-{i}.png", files.image_bytes("PNG" if i else "JPEG")) for i in range(3)]
    response = post_submission(officer, resolution_assignment, uploads)
    assert response.context["form"].errors["files"] == ["Mỗi lần nộp tối đa 2 tệp; bạn đã chọn 3 tệp."]
    assert_nothing_written(media_root)


def test_the_same_file_chosen_twice_is_refused_naming_both(officer, resolution_assignment, media_root):
    pdf = files.pdf_bytes()
    response = post_submission(officer, resolution_assignment,
                               [files.upload("Nghị quyết.pdf", pdf), files.upload("Bản sao.pdf", pdf)])
    assert response.context["form"].errors["files"] == ["Tệp “Bản sao.pdf” trùng nội dung với tệp “Nghị quyết.pdf”."]
    assert_nothing_written(media_root)
