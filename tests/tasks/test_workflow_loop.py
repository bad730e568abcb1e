"""The whole loop through the pages, as the people do it: the ward submits, the Military Party
Committee returns it, the ward resubmits, it is accepted; an extension and an explanation
along the way; the bell tells each side."""

import datetime

import time_machine
from django.test import Client
from django.urls import reverse

from tasks.models import Assignment, Submission
from tasks.status import Status
from tests.tasks import files
from tests.tasks.helpers import post_submission
from tests.tasks.test_review import at, set_due

D = datetime.date


def as_(user):
    client = Client()
    client.force_login(user)
    return client


def test_submit_return_resubmit_accept_with_extension_and_explanation(cast, resolution_assignment):
    work = resolution_assignment
    set_due(work, D(2022, 2, 3))
    detail = reverse("tasks:assignment_detail", args=[work.pk])

    with time_machine.travel(at(D(2022, 1, 25)), tick=False):
        ward, duqs = as_(cast.dinh_bang), as_(cast.reviewer)
        response = post_submission(ward, work, [files.upload("Nghị quyết.pdf", files.pdf_bytes())])
        assert response.status_code == 302
        first = Submission.objects.get()
        queue = duqs.get(reverse("tasks:review_queue")).content.decode()
        assert f'id="queue-{first.pk}"' in queue
        duqs.post(reverse("tasks:submission_review", args=[first.pk]),
                  {"decision": "return", "comment": "Thiếu chữ ký của Bí thư."})
        assert Assignment.objects.with_status().get(pk=work.pk).status == Status.RETURNED
        bell = ward.get(reverse("notifications:list")).content.decode()
        assert "bị trả lại để hoàn thiện" in bell

        # The ward cannot make it in time and asks for more.
        ward.post(reverse("tasks:extension_request", args=[work.pk]),
                  {"requested_due_date": "15/02/2022", "reason": "Chờ Bí thư đi công tác về ký."})
        extension = work.extension_requests.get()
        duqs.post(reverse("tasks:extension_decide", args=[extension.pk]), {"decision": "approve", "comment": ""})

    with time_machine.travel(at(D(2022, 2, 10)), tick=False):
        ward, duqs = as_(cast.dinh_bang), as_(cast.reviewer)
        duqs.post(reverse("tasks:explanation_request", args=[work.pk]),
                  {"question": "Đề nghị báo cáo lý do chưa ban hành Nghị quyết."})
        explanation = work.explanation_requests.get()
        ward.post(reverse("tasks:explanation_answer", args=[explanation.pk]),
                  {f"x{explanation.pk}-answer": "Bí thư đi công tác, đã ký ngày 09/02/2022."})
        form = ward.get(reverse("tasks:submission_create", args=[work.pk])).content.decode()
        assert "Thiếu chữ ký của Bí thư." in form  # the reviewer's comment is shown with the form
        post_submission(ward, work, [files.upload("Nghị quyết (đã ký).pdf", files.pdf_bytes())],
                        issued_on="09/02/2022")
        second = Submission.objects.get(version=2)
        duqs.post(reverse("tasks:submission_review", args=[second.pk]), {"decision": "accept", "complete": "on"})

        row = Assignment.objects.with_status().get(pk=work.pk)
        assert row.status == Status.DONE_ON_TIME and row.completed_on == D(2022, 2, 10)
        assert row.extension_count == 1 and row.due_date == D(2022, 2, 15)
        first.refresh_from_db()
        assert first.status == "returned"  # nothing overwritten
        page = ward.get(detail).content.decode()
        for anchor in (f"van-ban-{first.pk}", f"van-ban-{second.pk}", f"gia-han-{extension.pk}",
                       f"giai-trinh-{explanation.pk}", f"tham-dinh-{first.pk}"):
            assert f'id="{anchor}"' in page, anchor
        assert "Hoàn thành đúng hạn" in page and "Bí thư đi công tác, đã ký ngày 09/02/2022." in page
        assert 'id="submit-blocked"' in page  # completed: nothing more to send
        kinds = set(cast.dinh_bang.notifications.values_list("kind", flat=True))
        assert {"returned", "extension_decided", "explanation_requested", "accepted"} <= kinds
        reviewer_kinds = set(cast.reviewer.notifications.values_list("kind", flat=True))
        assert {"submitted", "extension_requested", "explanation_answered"} <= reviewer_kinds
