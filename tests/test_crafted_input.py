"""The five crafted requests that answered 500 on PostgreSQL, each now a clear answer. The
same classes are swept over every page by tests/test_fuzz_inputs.py; these pin the instances.
Run on PostgreSQL in CI (SQLite stores NUL characters and over-long text without complaint)."""

import uuid

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tasks.models import Membership, Submission, SubmissionFile
from tests.tasks import files
from tests.tasks.helpers import first_assignment, make_submission, stored_files, submission_data


def test_an_over_long_username_at_sign_in_is_refused_next_to_the_field(client, db):
    response = client.post(reverse("login"), {"username": "a" * 300, "password": "x"})
    assert response.status_code == 200
    assert "tối đa 150 ký tự" in response.content.decode()
    assert 'value="aaaa' in response.content.decode()  # what was typed stays in the field


def test_an_over_long_username_reaches_no_backend_and_the_lockout_column_is_safe(client, db, rf):
    from accounts.lockout import client_username

    client.post(reverse("login"), {"username": "b" * 300, "password": "x"})
    assert not AccessAttempt.objects.exists()  # refused by the form, before authentication
    assert len(client_username(rf.post("/", {"username": "c" * 1000}))) == 255
    assert client_username(None, {"username": "d" * 300}) == "d" * 255


@pytest.mark.parametrize("query", ["?q=%00", "?loai=%00", "?trang_thai=%00", "?q=a%00b&trang=2"])
@pytest.mark.parametrize("page", ["accounts:person_list", "accounts:unit_list"])
def test_nul_in_the_people_pages_search_is_a_400_with_a_reason(client, cast, page, query):
    client.force_login(cast.office)
    response = client.get(reverse(page) + query)
    assert response.status_code == 400
    assert "ký tự rỗng NUL" in response.content.decode()


@pytest.mark.parametrize("membership", ["abc", "1 OR 1=1", "9" * 30, "-1", "", "%00"])
@pytest.mark.parametrize("action", ["remove", "set_role"])
def test_a_bad_membership_on_the_unit_members_form_is_a_clear_refusal(client, cast, action, membership):
    client.force_login(cast.office)
    unit = Membership.objects.filter(user=cast.dinh_bang).first().unit
    before = list(Membership.objects.values_list("pk", "role"))
    url = reverse("accounts:unit_detail", args=[unit.pk])
    if membership == "%00":
        response = client.post(url, {"action": action, "membership": "\x00", "role": "head"})
        assert response.status_code == 400
    else:
        response = client.post(url, {"action": action, "membership": membership, "role": "head"}, follow=True)
        assert response.status_code == 200
        assert "không còn là thành viên của đơn vị" in response.content.decode()
    assert list(Membership.objects.values_list("pk", "role")) == before


def test_a_membership_of_another_unit_is_not_touched(client, cast):
    client.force_login(cast.office)
    own = Membership.objects.filter(user=cast.dinh_bang).first()
    other = Membership.objects.filter(user=cast.tuong_giang).first()
    response = client.post(reverse("accounts:unit_detail", args=[own.unit.pk]),
                           {"action": "remove", "membership": other.pk}, follow=True)
    assert "không còn là thành viên của đơn vị" in response.content.decode()
    assert Membership.objects.filter(pk=other.pk).exists()


def test_a_submission_form_reposting_another_units_token_is_refused_and_keeps_the_text(
        client, cast, directive, settings, tmp_path):
    settings.MEDIA_ROOT = media_root = tmp_path
    theirs = make_submission(cast.tuong_giang, first_assignment("p-tuong-giang", directive))
    Submission.objects.filter(pk=theirs.pk).update(client_token=uuid.uuid4())  # as the form would
    theirs.refresh_from_db()
    mine = first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION)
    client.force_login(cast.dinh_bang)
    data = submission_data([files.upload("nq.pdf", files.pdf_bytes())], client_token=str(theirs.client_token),
                           signer="Người ký đã nhập")
    response = client.post(reverse("tasks:submission_create", args=[mine.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Biểu mẫu này đã được dùng" in html and "Người ký đã nhập" in html
    assert str(theirs.client_token) not in html  # a fresh token: the next press goes through
    assert not Submission.objects.filter(assignment=mine).exists()
    assert SubmissionFile.objects.count() == 1 and len(stored_files(media_root)) == 1
    token = response.context["form"].data["client_token"]
    data = submission_data([files.upload("nq.pdf", files.pdf_bytes())], client_token=token)
    assert client.post(reverse("tasks:submission_create", args=[mine.pk]), data).status_code == 302
    assert Submission.objects.filter(assignment=mine).count() == 1
