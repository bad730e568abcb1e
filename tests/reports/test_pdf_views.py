"""The report pages: the request form with the directive's defaults, the list, the detail page
that follows the job, the JSON status and the download (attachment, nosniff, audited, 404 for
anyone not allowed to see the data)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from reports.models import Report
from tasks.models import Unit
from tests.reports.pdf_support import request_report


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ready_report(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(cast.reviewer, directive)
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error
    return report


@pytest.fixture
def ward_report(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(cast.dinh_bang, directive, kind="unit",
                                unit=Unit.objects.get(key="p-dinh-bang"))
    report.refresh_from_db()
    return report


def form_data(directive, **changes):
    data = {
        "kind": "directive_progress", "directive": directive.pk, "unit": "",
        "as_of": "15/05/2022", "report_date": "18/05/2022",
        "parent_organ": "Đảng bộ tỉnh Bắc Ninh", "issuing_organ": "Đảng ủy Quân sự thành phố",
        "number": "15-BC/ĐUQS", "place": "Từ Sơn", "document_type": "Báo cáo",
        "title": "kết quả thực hiện Chỉ thị số 03-CT/TU", "signer_authority": "T/M Đảng ủy",
        "signer_position": "Bí thư", "signer_name": "Nguyễn Văn Thành",
        "recipients": "Thường trực Tỉnh ủy (b/c)\nLưu: VT ĐUQS",
        "results": "Kết quả thực hiện theo số liệu.", "limitations": "", "next_tasks": "",
        "proposals": "", "final": "on",
    }
    data.update(changes)
    return data


def test_the_form_starts_from_the_directives_defaults(cast, directive):
    response = client_for(cast.reviewer).get(reverse("reports:report_new"))
    assert response.status_code == 200
    initial = response.context["form"].initial
    # HD36: the issuing organ's direct superior Party organisation, not the directive's.
    assert initial["parent_organ"] == "ĐẢNG BỘ THÀNH PHỐ TỪ SƠN"
    assert initial["issuing_organ"] == "ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ"
    assert initial["number"] == "-BC/ĐUQS"
    assert initial["place"] == "Từ Sơn"
    assert initial["signer_authority"] == "T/M ĐẢNG ỦY"
    # The committee that issued the directive first, then the province, "Lưu VP" last.
    assert initial["recipients"].splitlines() == [
        "Ban Thường vụ Thành ủy (b/c)", "Thường trực Tỉnh ủy (b/c)", "Văn phòng Tỉnh ủy (b/c)",
        "ĐUQS tỉnh (b/c)", "Lưu VP"]
    assert "Chỉ thị số 03-CT/TU, ngày 04/01/2022" in initial["title"]
    # Sections I–III come drafted from the data; IV is left to the requester.
    assert initial["results"].startswith("Tính đến ngày ")
    assert initial["limitations"] and initial["next_tasks"] and initial["proposals"] == ""


def test_the_form_keeps_the_signer_and_distribution_typed_last_time(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        request_report(cast.reviewer, directive, signer_name="Nguyễn Văn Thành",
                       recipients=["Ban Thường vụ Thành ủy (b/c)", "Lưu: VT"])
    initial = client_for(cast.reviewer).get(reverse("reports:report_new")).context["form"].initial
    assert initial["signer_name"] == "Nguyễn Văn Thành"
    assert initial["recipients"] == "Ban Thường vụ Thành ủy (b/c)\nLưu: VT"


def test_posting_the_form_generates_the_report_and_the_page_shows_the_download(cast, directive, django_capture_on_commit_callbacks):
    client = client_for(cast.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_new"), form_data(directive))
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:report_detail", args=[report.pk])
    assert report.header["issuing_organ"] == "ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ"  # capitals, as printed
    assert report.header["signer_authority"] == "T/M ĐẢNG ỦY"
    assert report.header["recipients"] == ["Thường trực Tỉnh ủy (b/c)", "Lưu: VT ĐUQS"]
    page = client.get(response.url)
    assert page.status_code == 200
    assert reverse("reports:report_download", args=[report.pk]) in page.content.decode()


def test_values_typed_in_decomposed_unicode_are_stored_precomposed(cast, directive, django_capture_on_commit_callbacks):
    import unicodedata

    nfd = {name: unicodedata.normalize("NFD", value) for name, value in {
        "signer_name": "Nguyễn Văn Thành", "issuing_organ": "Đảng ủy Quân sự thành phố",
        "recipients": "Thường trực Tỉnh ủy (b/c)\nLưu: VT ĐUQS"}.items()}
    with django_capture_on_commit_callbacks(execute=False):
        client_for(cast.reviewer).post(reverse("reports:report_new"), form_data(directive, **nfd))
    header = Report.objects.get().header
    assert header["signer_name"] == "Nguyễn Văn Thành"
    assert header["issuing_organ"] == "ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ"
    assert header["recipients"] == ["Thường trực Tỉnh ủy (b/c)", "Lưu: VT ĐUQS"]


def test_a_wrong_date_is_refused_next_to_the_field_and_the_typed_values_stay(cast, directive):
    response = client_for(cast.reviewer).post(
        reverse("reports:report_new"), form_data(directive, report_date="31/02/2022", signer_name="Lê Văn <Tâm>",
                                                 results="Phần I do tôi sửa"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_report_date_error"' in html
    assert 'aria-describedby="id_report_date_helptext id_report_date_error"' in html
    assert 'value="31/02/2022"' in html and "Lê Văn &lt;Tâm&gt;" in html and "Phần I do tôi sửa" in html
    assert not Report.objects.exists()


def test_an_as_of_date_in_the_future_is_refused(cast, directive):
    response = client_for(cast.reviewer).post(reverse("reports:report_new"), form_data(directive, as_of="01/01/2999"))
    assert "không được sau hôm nay" in response.content.decode()


def test_a_ward_officer_is_offered_only_the_report_of_their_own_ward(cast, directive):
    response = client_for(cast.dinh_bang).get(reverse("reports:report_new"))
    form = response.context["form"]
    assert [k for k, _label in form.fields["kind"].choices] == ["unit"]
    assert list(form.fields["unit"].queryset.values_list("key", flat=True)) == ["p-dinh-bang"]


def test_a_ward_officer_s_own_report_starts_under_the_ward_s_own_letterhead(cast, directive):
    """A ward's Party committee reports on its own work under its own name and number, to
    the tracking body; not under the tracking body's letterhead."""
    initial = client_for(cast.dinh_bang).get(reverse("reports:report_new")).context["form"].initial
    assert initial["kind"] == "unit"
    assert initial["parent_organ"] == "ĐẢNG BỘ THÀNH PHỐ TỪ SƠN"
    assert initial["issuing_organ"] == "ĐẢNG ỦY PHƯỜNG ĐÌNH BẢNG"
    assert initial["number"] == "-BC/ĐU"
    assert initial["recipients"].splitlines() == ["Đảng ủy Quân sự thành phố (b/c)", "Lưu VP"]
    assert initial["signer_authority"] == "T/M ĐẢNG ỦY"


def test_the_tracking_body_s_report_on_a_ward_keeps_its_own_letterhead(cast, directive):
    ward = Unit.objects.get(key="p-dinh-bang")
    initial = client_for(cast.reviewer).get(
        reverse("reports:report_new"), {"directive": directive.pk, "kind": "unit", "unit": ward.pk},
    ).context["form"].initial
    assert (initial["parent_organ"], initial["issuing_organ"], initial["number"]) == (
        "ĐẢNG BỘ THÀNH PHỐ TỪ SƠN", "ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ", "-BC/ĐUQS")
    # The drafts are the ward's own figures.
    assert initial["results"].startswith("Tính đến ngày ") and "Đảng ủy phường Đình Bảng được giao" in initial["results"]


def test_a_ward_officer_posting_another_wards_unit_is_refused(cast, directive):
    tam_son = Unit.objects.get(key="p-tam-son")
    response = client_for(cast.dinh_bang).post(
        reverse("reports:report_new"), form_data(directive, kind="unit", unit=tam_son.pk))
    assert response.status_code == 200 and response.context["form"].errors["unit"]
    response = client_for(cast.dinh_bang).post(reverse("reports:report_new"), form_data(directive))
    assert response.context["form"].errors["kind"]
    assert not Report.objects.exists()


def test_the_download_is_an_attachment_with_nosniff_and_is_audited(cast, ready_report):
    response = client_for(cast.reviewer).get(reverse("reports:report_download", args=[ready_report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert 'filename="bao-cao-tien-do-03-CT-TU-15-05-2022-du-thao.pdf"' in response["Content-Disposition"]
    entry = AuditEntry.objects.get(action="report.download")
    assert entry.actor == cast.reviewer and entry.object_id == str(ready_report.pk)


@pytest.mark.parametrize("name", ["report_detail", "report_status", "report_download"])
def test_a_ward_officer_gets_404_on_the_directive_report(cast, ready_report, name):
    response = client_for(cast.dinh_bang).get(reverse(f"reports:{name}", args=[ready_report.pk]))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="report.download").exists()


@pytest.mark.parametrize("name", ["report_detail", "report_status", "report_download"])
def test_an_officer_of_another_ward_gets_404_on_a_wards_report(cast, ward_report, name):
    response = client_for(cast.tuong_giang).get(reverse(f"reports:{name}", args=[ward_report.pk]))
    assert response.status_code == 404


def test_a_wards_draft_stays_with_the_ward_until_sent(cast, ward_report):
    """The ward's head reads its draft; the tracking body and observers see it once sent."""
    from reports.pdf.sharing import report_send

    url = reverse("reports:report_download", args=[ward_report.pk])
    assert client_for(cast.dinh_bang_head).get(url).status_code == 200
    for user in (cast.reviewer, cast.observer, cast.office):
        assert client_for(user).get(url).status_code == 404, user
    Report.objects.filter(pk=ward_report.pk).update(
        parameters={**ward_report.parameters, "final": True,
                    "header": {**ward_report.header, "signer_name": "Nguyễn Văn Bình",
                               "recipients": ["Đảng ủy Quân sự thành phố (b/c)", "Lưu VP"]}})
    report_send(report_id=ward_report.pk, user=cast.dinh_bang)
    for user in (cast.dinh_bang_head, cast.reviewer, cast.observer, cast.office):
        assert client_for(user).get(url).status_code == 200, user
    assert client_for(cast.tuong_giang).get(url).status_code == 404


def test_a_report_not_ready_has_no_download(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        report = request_report(cast.reviewer, directive)
    assert client_for(cast.reviewer).get(reverse("reports:report_download", args=[report.pk])).status_code == 404


def test_the_status_endpoint_tells_the_page_how_the_job_is_going(cast, directive, django_capture_on_commit_callbacks):
    client = client_for(cast.reviewer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = request_report(cast.reviewer, directive)
    url = reverse("reports:report_status", args=[report.pk])
    assert client.get(url).json() == {
        "id": report.pk, "status": "queued", "label": "Đang chờ tạo", "finished": False,
        "page_count": None, "error": "", "download_url": None,
    }
    callbacks[0]()
    data = client.get(url).json()
    assert data["status"] == "ready" and data["finished"] and data["page_count"] >= 2
    assert data["download_url"] == reverse("reports:report_download", args=[report.pk])


def test_the_page_of_a_queued_report_polls_with_a_static_script_not_an_inline_one(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        report = request_report(cast.reviewer, directive)
    html = client_for(cast.reviewer).get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert 'data-status-url="' + reverse("reports:report_status", args=[report.pk]) + '"' in html
    assert 'src="/static/js/report-status.js"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_a_failed_report_shows_its_error(cast, directive, monkeypatch, django_capture_on_commit_callbacks):
    from reports.pdf import services

    monkeypatch.setattr(services, "html_to_pdf", lambda html: 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(cast.reviewer, directive)
    html = client_for(cast.reviewer).get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "Không tạo được báo cáo." in html and "ZeroDivisionError" in html


def test_the_list_shows_my_reports_not_those_of_colleagues(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        mine = request_report(cast.reviewer, directive)
        theirs = request_report(cast.office, directive)
    page = client_for(cast.reviewer).get(reverse("reports:report_list"))
    listed = [r.pk for r in page.context["page"]]
    assert listed == [mine.pk] and theirs.pk not in listed


def test_anonymous_visitors_are_sent_to_log_in(ready_report):
    response = Client().get(reverse("reports:report_download", args=[ready_report.pk]))
    assert response.status_code == 302 and reverse("login") in response.url


def test_step_one_drafts_the_sections_for_the_date_chosen_and_says_when_it_is_wrong(cast, directive):
    client = client_for(cast.reviewer)
    chosen = client.get(reverse("reports:report_new"),
                        {"directive": directive.pk, "kind": "directive_progress", "as_of": "30/04/2022"})
    assert chosen.context["form"].initial["as_of"].isoformat() == "2022-04-30"
    assert chosen.context["form"].initial["results"].startswith("Tính đến ngày 30/04/2022, ")
    wrong = client.get(reverse("reports:report_new"),
                       {"directive": directive.pk, "kind": "directive_progress", "as_of": "31/02/2022"})
    assert "Ngày tính số liệu “31/02/2022” không hợp lệ" in wrong.content.decode()
    assert wrong.context["form"].initial["as_of"] == wrong.context["as_of"]


def test_a_refused_form_names_no_unit_outside_the_officer_s_scope(cast, directive):
    """The header of a form sent back names the unit the form accepted, never one whose id
    was merely posted (another ward's)."""
    tam_son = Unit.objects.get(key="p-tam-son")
    response = client_for(cast.dinh_bang).post(reverse("reports:report_new"), form_data(
        directive, kind="unit", unit=tam_son.pk, report_date="31/02/2022"))
    assert response.status_code == 200
    header = re.search(r'<header class="page-header[^"]*" id="page-header">(.*?)</header>',
                       response.content.decode(), re.S).group(1)
    assert "id_report_date_error" in response.content.decode()
    assert tam_son.name not in header and "Tam Sơn" not in header
