"""A notification reads in its recipient's language, not in that of the person whose action
sent it: a reviewer working in English returns a ward's resolution, and the ward's officer,
who works in Vietnamese, reads the notice in Vietnamese (and in English if they switch)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from notifications.models import Notification
from notifications.services import notify
from tasks.models import Submission
from tasks.services import submission_decide
from tests.tasks.helpers import first_assignment, make_submission


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def bell(user, language):
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("notifications:list")).content.decode()


def test_a_decision_taken_in_english_is_read_in_vietnamese_by_the_ward(cast, directive, media_root):
    work = first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION)
    submission = make_submission(cast.dinh_bang, work)
    with translation.override("en"):  # the reviewer's request is in English
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=False, comment="Thiếu chữ ký.")
    item = Notification.objects.get(recipient=cast.dinh_bang, kind=Notification.Kind.RETURNED)
    assert item.title == f"Nghị quyết triển khai (lần 1) của nhiệm vụ {work.task.key} bị trả lại để hoàn thiện"
    assert item.title in bell(cast.dinh_bang, "vi")
    english = bell(cast.dinh_bang, "en")
    assert f"Implementing resolution (submission 1) for task {work.task.key}" in english
    assert item.title not in english
    # What a person wrote (the reviewer's comment) is shown as written, in both.
    assert "Thiếu chữ ký." in english


def test_the_submission_notice_names_the_kind_in_the_readers_language(cast, directive, media_root):
    work = first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION)
    with translation.override("en"):
        make_submission(cast.dinh_bang, work)
    item = Notification.objects.get(recipient=cast.reviewer, kind=Notification.Kind.SUBMITTED)
    assert item.title == f"Đình Bảng nộp Nghị quyết triển khai (lần 1) – nhiệm vụ {work.task.key}"
    with translation.override("en"):
        assert "Implementing resolution" in item.shown_title and "nộp" not in item.shown_title


def test_plain_text_notices_are_shown_as_they_were_written(cast, directive):
    notify([cast.dinh_bang], Notification.Kind.URGE, "Đề nghị khẩn trương nộp nghị quyết.")
    item = Notification.objects.get(recipient=cast.dinh_bang)
    assert item.title_note == {} and "Đề nghị khẩn trương nộp nghị quyết." in bell(cast.dinh_bang, "en")
