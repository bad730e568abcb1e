"""Every workflow event puts an item under the right bells, and each item, opened by the
person it is for, leads to a page they may see with the item on it."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from notifications.models import Notification
from tasks.models import Assignment, Submission
from tasks.notifying import notify_new_assignments
from tasks.services import (
    explanation_answer,
    explanation_request_create,
    extension_decide,
    extension_request_create,
    submission_decide,
)
from tests.tasks.helpers import first_assignment, make_submission

Kind = Notification.Kind


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def run_the_loop(cast, work):
    notify_new_assignments([work.pk])
    first = make_submission(cast.dinh_bang, work)
    submission_decide(user=cast.reviewer, submission_id=first.pk, accept=False, comment="Thiếu chữ ký.")
    extension = extension_request_create(user=cast.dinh_bang, assignment_id=work.pk,
                                         requested_due_date=work.due_date + datetime.timedelta(days=30),
                                         reason="Chờ Bí thư ký.")
    extension_decide(user=cast.reviewer, extension_id=extension.pk, approve=True)
    explanation = explanation_request_create(user=cast.reviewer, assignment_id=work.pk, question="Vì sao chậm?")
    explanation_answer(user=cast.dinh_bang, explanation_id=explanation.pk, answer="Bí thư đi công tác.")
    second = make_submission(cast.dinh_bang, work)
    submission_decide(user=cast.reviewer, submission_id=second.pk, accept=True)
    return first, second, extension, explanation


def test_each_event_reaches_its_people_and_links_to_the_item(cast, directive, media_root):
    work = first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION)
    first, second, extension, explanation = run_the_loop(cast, work)
    detail = reverse("tasks:assignment_detail", args=[work.pk])
    expected = {
        # the unit (officer and head) hears about what happens to its work…
        Kind.ASSIGNED: ({"dinh_bang", "dinh_bang_head"}, [detail]),
        Kind.RETURNED: ({"dinh_bang", "dinh_bang_head"}, [f"{detail}#van-ban-{first.pk}"]),
        Kind.ACCEPTED: ({"dinh_bang", "dinh_bang_head"}, [f"{detail}#van-ban-{second.pk}"]),
        Kind.EXTENSION_DECIDED: ({"dinh_bang", "dinh_bang_head"}, [f"{detail}#gia-han-{extension.pk}"]),
        Kind.EXPLANATION_REQUESTED: ({"dinh_bang", "dinh_bang_head"}, [f"{detail}#giai-trinh-{explanation.pk}"]),
        # …the tracking body about what waits for it.
        Kind.SUBMITTED: ({"reviewer"}, [reverse("tasks:submission_review", args=[s.pk]) for s in (first, second)]),
        Kind.EXTENSION_REQUESTED: ({"reviewer"}, [f"{detail}#gia-han-{extension.pk}"]),
        Kind.EXPLANATION_ANSWERED: ({"reviewer"}, [f"{detail}#giai-trinh-{explanation.pk}"]),
    }
    names = {getattr(cast, name).pk: name for name in
             ("dinh_bang", "dinh_bang_head", "tuong_giang", "reviewer", "office", "observer")}
    for kind, (people, urls) in expected.items():
        items = Notification.objects.filter(kind=kind)
        assert {names[n.recipient_id] for n in items} == people, kind
        for name in people:
            assert sorted(n.url for n in items if names[n.recipient_id] == name) == sorted(urls), (kind, name)
    assert not Notification.objects.filter(recipient__in=[cast.tuong_giang, cast.office, cast.observer]).exists()

    for item in Notification.objects.all():
        client = Client()
        client.force_login(item.recipient)
        opened = client.get(reverse("notifications:open", args=[item.pk]))
        assert (opened.status_code, opened.url) == (302, item.url), item.kind
        path, _hash, anchor = item.url.partition("#")
        page = client.get(path)
        assert page.status_code == 200, (item.kind, item.url)
        if anchor:
            assert re.search(rf'id="{re.escape(anchor)}"', page.content.decode()), (item.kind, item.url)
        item.refresh_from_db()
        assert item.read_at is not None
    assert Assignment.objects.get(pk=work.pk).completed_on is not None
