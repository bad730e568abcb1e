"""A ward directive unlike the seed (sub-items "a)", "-", "+", the day left blank) pasted, corrected
and published as the Office would: the blank date stops publication until it is filled in."""

import datetime
import re
from pathlib import Path

from django.urls import reverse

from directives.models import Directive, ImportDraft, Task

from .browser import draft_url, latest_draft, paste, post_block, task

TEXT = (Path(__file__).resolve().parents[1] / "importer" / "data" / "ct-05-tuong-giang-2023.txt").read_text(
    encoding="utf-8")


def publish(client, draft):
    return client.post(reverse("directives:import_publish", args=[draft.pk]), {"status": "published"})


def test_a_ward_directive_with_sub_items_is_corrected_and_published(office, directive):
    assert paste(office, TEXT).status_code == 302
    draft = latest_draft()
    header = draft.data["directive"]
    assert (header["place"], header["issued_on"]) == ("Tương Giang", None)
    assert [t["key"] for t in draft.all_tasks()] == ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "C.1", "C.2"]
    assert not draft.unplaced
    page = office.get(draft_url(draft)).content.decode()
    assert "Ngày ban hành để trống" in page

    # No date of issue yet: refused next to the date field, nothing created.
    assert publish(office, draft).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.OPEN and not Directive.objects.filter(number="05").exists()
    assert re.search(r'id="id_h-issued_on_error"', office.get(draft_url(draft)).content.decode())

    # The Office fills in the date, moves item b) of part 1 to coordinate with the police.
    post_block(office, draft, "header", h__issued_on="14/02/2023")
    second = task(draft, "1.2")
    post_block(office, draft, "part-1", **{f"t{second['uid']}__coordinating": "ca-tp"})
    response = publish(office, draft)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Directive.objects.get(key="05-CT-DU-2023")
    assert created.issued_on == datetime.date(2023, 2, 14) and created.place == "Tương Giang"

    first, second = (created.tasks.get(key=k) for k in ("1.1", "1.2"))
    assert first.deadline == datetime.date(2023, 1, 15) and not first.deadline_proposed
    # "Ban Chỉ huy Quân sự phường … Công an phường": the issuing ward's own bodies, its work.
    assert set(first.assignments.values_list("unit__key", "role")) == {("p-tuong-giang", "lead")}
    assert ("ca-tp", "coordinating") in set(second.assignments.values_list("unit__key", "role"))
    assert second.assignments.filter(role="lead", unit__kind="mass_org").count() >= 1
    target = created.tasks.get(key="2.3")
    assert target.kind == Task.Kind.TARGET and target.target_value == 100
    assert set(created.cited_documents.values_list("number", flat=True)) == {
        "1234/QĐ-UBND", "14/2016/TTLT-BCA-BQP", "16/2016/TTLT-BYT-BQP"}
    assert list(created.recipients.order_by("position").values_list("purpose", flat=True)) == ["bc", "bc", "th", "luu"]
