"""Step 3: the seed text, pasted and published, gives the directive the structured file gives."""

import re
import unicodedata
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from directives.import_services import database_groups, unit_rows
from directives.models import Directive, ImportDraft, Task
from tasks.models import Assignment

from .browser import draft_url, latest_draft, paste, post_block, task, task_uid

IMPORTED_KEY = "03-CT-TU-2022"
HEADER_FIELDS = ["parent_organ", "issuing_organ", "number", "symbol", "document_type", "issuing_body", "summary",
                 "place", "issued_on", "year", "signer_authority", "signer_position", "signer_name",
                 "tracking_unit_id"]


def squash(text):
    text = unicodedata.normalize("NFC", text or "")
    return " ".join(re.sub(r"[\u2010-\u2015\u2212]", "-", text).replace("*", "").split())


def publish(client, draft, status="published"):
    return client.post(reverse("directives:import_publish", args=[draft.pk]), {"status": status})


@pytest.fixture
def yaml_directive(directive):
    """Chỉ thị 03-CT/TU as loaded from directives/data/03-CT-TU-2022.yaml, moved to another key
    so that the import can publish under the key the text gives."""
    Directive.objects.filter(pk=directive.pk).update(key="yaml-03-ct-tu-2022")
    directive.refresh_from_db()
    return directive


@pytest.fixture
def imported(office, draft, yaml_directive):
    response = publish(office, draft)
    assert response.status_code == 302, response.content.decode()[:3000]
    directive = Directive.objects.get(key=IMPORTED_KEY)
    assert response.url == reverse("directives:detail", args=[directive.pk])
    return directive


def ward_keys(directive, **filters):
    return set(Assignment.objects.filter(task__directive=directive, unit__kind="ward", **filters)
               .values_list("unit__key", flat=True))


def documents(owner):
    return {(d.doc_type, d.number, d.issued_on, squash(d.issuer).casefold()) for d in owner.cited_documents.all()}


def test_publishing_the_pasted_seed_opens_the_new_directive(imported, draft, office):
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.PUBLISHED and draft.directive == imported
    assert imported.status == Directive.Status.PUBLISHED
    page = office.get(reverse("directives:detail", args=[imported.pk]))
    assert "Lê Xuân Lợi" in page.content.decode()


def test_imported_header_matches_the_structured_file_field_by_field(imported, yaml_directive):
    def header(directive):
        values = {field: getattr(directive, field) for field in HEADER_FIELDS + ["preamble", "closing"]}
        return {field: squash(v) if isinstance(v, str) else v for field, v in values.items()}

    assert header(imported) == header(yaml_directive)


def test_imported_six_parts_match_the_structured_file_number_and_text(imported, yaml_directive):
    got = [(s.number, squash(s.text)) for s in imported.sections.order_by("number")]
    want = [(s.number, squash(s.text)) for s in yaml_directive.sections.order_by("number")]
    assert len(got) == 6
    assert got == want


def test_imported_cited_documents_match_the_structured_file(imported, yaml_directive):
    assert documents(imported) == documents(yaml_directive)
    assert imported.cited_documents.count() == yaml_directive.cited_documents.count() == 11
    # Two documents numbered 28-NQ/TW, of the Central Committee and of the Politburo.
    assert imported.cited_documents.filter(number="28-NQ/TW").count() == 2


def test_imported_parts_cite_the_documents_the_structured_file_cites(imported, yaml_directive):
    for section in yaml_directive.sections.all():
        assert documents(imported.sections.get(number=section.number)) == documents(section), section.number


def test_every_ward_gets_work_as_in_the_structured_file(imported, yaml_directive):
    assert ward_keys(imported) == ward_keys(yaml_directive)
    assert len(ward_keys(imported)) == 12
    # The named wards of part 3 (exercises) lead their own task in both.
    lead_in_part_3 = {"task__section__number": 3, "role": Assignment.Role.LEAD}
    assert ward_keys(imported, **lead_in_part_3) == ward_keys(yaml_directive, **lead_in_part_3) == {
        "p-dinh-bang", "p-tuong-giang", "p-tam-son"}


def test_imported_dates_match_the_structured_file(imported, yaml_directive):
    def events(directive):
        return set(Task.objects.filter(directive=directive, event_date__isnull=False).values_list("event_date", flat=True))

    def deadlines(directive, **filters):
        return set(Task.objects.filter(directive=directive, **filters).values_list("deadline", flat=True))

    assert events(imported) == events(yaml_directive)
    # Deadlines the text itself gives are the same; the proposed ones come from the same table of
    # defaults (the structured file adds one editorial choice, 28/02 for the call-up, not in the text).
    assert deadlines(imported, deadline_proposed=False) == deadlines(yaml_directive, deadline_proposed=False)
    assert deadlines(imported) <= deadlines(yaml_directive)
    # The one date the directive itself gives (20/10/1946 - 20/10/2022) is not a proposed deadline.
    for directive in (imported, yaml_directive):
        anniversary = Task.objects.get(directive=directive, event_date="2022-10-20")
        assert str(anniversary.deadline) == "2022-10-20" and not anniversary.deadline_proposed
    for key in ("C.1", "C.4"):
        assert Task.objects.get(directive=imported, key=key).deadline == \
            Task.objects.get(directive=yaml_directive, key=key).deadline


def test_the_hundred_percent_target_is_kept(imported, yaml_directive):
    for directive in (imported, yaml_directive):
        target = Task.objects.get(directive=directive, section__number=4,
                                  description__contains="giao quân đủ 100% chỉ tiêu")
        assert target.target_value == Decimal("100")
        assert "%" in target.target_unit


def test_assignments_are_written_as_the_loader_writes_them(imported, draft):
    draft.refresh_from_db()
    groups = database_groups(unit_rows())
    for planned in draft.all_tasks():
        lead = []
        for ref in planned["lead"]:
            lead += [k for k in (groups[ref[1:]] if ref.startswith("@") else [ref]) if k not in lead]
        coordinating = []
        for ref in planned["coordinating"]:
            coordinating += [k for k in (groups[ref[1:]] if ref.startswith("@") else [ref])
                             if k not in lead and k not in coordinating]
        written = Task.objects.get(directive=imported, key=planned["key"])
        roles = {(a.unit.key, a.role) for a in written.assignments.select_related("unit")}
        assert roles == {(k, "lead") for k in lead} | {(k, "coordinating") for k in coordinating}, planned["key"]
        for assignment in written.assignments.all():
            assert assignment.due_date == assignment.original_due_date == written.deadline


def test_publishing_is_audited(imported, cast):
    entry = AuditEntry.objects.get(action="directive.import")
    assert entry.actor == cast.office
    assert entry.object_id == str(imported.pk)
    assert entry.changes["tasks"] == imported.tasks.count()
    assert entry.changes["status"] == "published"


def test_publishing_as_a_draft_keeps_the_directive_from_the_units(office, draft, yaml_directive, client, cast):
    assert publish(office, draft, status="draft").status_code == 302
    directive = Directive.objects.get(key=IMPORTED_KEY)
    assert directive.status == Directive.Status.DRAFT
    client.force_login(cast.dinh_bang)
    assert client.get(reverse("directives:detail", args=[directive.pk])).status_code == 404


def test_the_confirmation_page_says_what_will_be_created(office, draft, yaml_directive):
    html = office.get(reverse("directives:import_publish", args=[draft.pk])).content.decode()
    assert IMPORTED_KEY in html
    assert "Bản nháp đã đủ thông tin để tạo văn bản." in html
    assert f"{len(draft.all_tasks())}</td>" in html


def test_publishing_needs_a_status(office, draft, yaml_directive):
    response = office.post(reverse("directives:import_publish", args=[draft.pk]), {})
    assert response.status_code == 200
    assert "Hãy chọn trạng thái của văn bản sau khi tạo." in response.content.decode()
    assert not Directive.objects.filter(key=IMPORTED_KEY).exists()


def test_an_existing_key_is_refused_clearly_and_the_draft_is_kept(office, draft, directive):
    before = Directive.objects.count()
    response = publish(office, draft)
    assert response.status_code == 302 and response.url == draft_url(draft) + "#loi-ban-hanh"
    assert Directive.objects.count() == before
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.OPEN
    html = office.get(draft_url(draft)).content.decode()
    assert "Đã có văn bản mã 03-CT-TU-2022" in html
    # Next to the number field of the header, which decides the key.
    assert 'id="id_h-number_error"' in html
    directive.refresh_from_db()
    assert directive.summary.startswith("Về lãnh đạo")  # the existing directive is untouched


def test_loader_refusals_are_shown_against_the_fields_in_plain_words(office, draft, yaml_directive):
    uid = task_uid(draft, "2.3")
    post_block(office, draft, "part-2", **{f"t{uid}__lead": None, f"t{uid}__lead_groups": None,
                                           f"t{uid}__deadline": ""})
    post_block(office, draft, "header", h__summary="")
    response = publish(office, draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ImportDraft.Status.OPEN and not Directive.objects.filter(key=IMPORTED_KEY).exists()
    html = office.get(draft_url(draft)).content.decode()
    lead_error = re.search(rf'id="id_t{uid}-lead_error">(.*?)</div>\s*</div>', html, re.S)
    assert lead_error and "chưa chọn đơn vị chủ trì" in lead_error.group(1)
    deadline_error = re.search(rf'id="id_t{uid}-deadline_error">(.*?)</div>\s*</div>', html, re.S)
    assert deadline_error and "chưa có ngày" in deadline_error.group(1)
    assert re.search(r'id="id_h-summary_error">\s*<div>chưa điền</div>', html)
    # The summary at the top names the places as an official would.
    assert "Phần 2, nhiệm vụ 2.3 — Đơn vị chủ trì" in html
    assert "Phần đầu văn bản — Trích yếu" in html
    assert "sections[" not in html


def test_correcting_the_refused_fields_then_publishing_succeeds(office, draft, yaml_directive):
    uid = task_uid(draft, "2.3")
    post_block(office, draft, "part-2", **{f"t{uid}__lead": None, f"t{uid}__lead_groups": None})
    publish(office, draft)
    draft.refresh_from_db()
    assert draft.publish_errors
    post_block(office, draft, "part-2", **{f"t{uid}__lead": "ca-tp"})
    draft.refresh_from_db()
    assert not any(p["block"] == "task" for p in draft.publish_errors)
    assert publish(office, draft).status_code == 302
    directive = Directive.objects.get(key=IMPORTED_KEY)
    assert task(draft, "2.3")["lead"] == ["ca-tp"]
    assert set(directive.tasks.get(key="2.3").assignments.values_list("unit__key", flat=True)) == {"ca-tp"}


def test_a_published_draft_cannot_be_published_again(imported, office, draft):
    response = publish(office, draft)
    assert response.status_code == 302
    assert Directive.objects.filter(key=IMPORTED_KEY).count() == 1
    assert office.get(draft_url(draft)).url == reverse("directives:detail", args=[imported.pk])


def test_a_reformatted_paste_publishes_the_same_directive(office, yaml_directive):
    """The seed as it might really arrive: CRLF, NFD, en dashes, items "1)", re-wrapped, no bold."""
    from tests.importer import helpers as h

    text = h.crlf(h.nfd(h.en_dashes(h.paren_numbers(h.wrapped(h.unbolded(h.SEED))))))
    assert paste(office, text).status_code == 302
    variant = latest_draft()
    assert publish(office, variant).status_code == 302
    imported = Directive.objects.get(key=IMPORTED_KEY)
    for field in ("number", "symbol", "issued_on", "summary", "signer_name", "tracking_unit_id"):
        assert squash(str(getattr(imported, field))) == squash(str(getattr(yaml_directive, field))), field
    assert [(s.number, squash(s.text)) for s in imported.sections.order_by("number")] == [
        (s.number, squash(s.text)) for s in yaml_directive.sections.order_by("number")]
    assert documents(imported) == documents(yaml_directive)
    assert ward_keys(imported) == ward_keys(yaml_directive)
    assert imported.recipients.count() == yaml_directive.recipients.count()


def test_tasks_are_published_as_the_office_edited_them(office, draft, yaml_directive):
    dinh_bang, tuong_giang = task(draft, "3.2"), task(draft, "3.3")
    post_block(office, draft, "part-3", op="merge", **{f"t{dinh_bang['uid']}__selected": "on",
                                                         f"t{tuong_giang['uid']}__selected": "on"})
    uid = task_uid(draft, "1.4")
    post_block(office, draft, "part-1", **{f"t{uid}__lead": "ca-tp", f"t{uid}__deadline": "30/06/2022",
                                           f"t{uid}__deadline_proposed": None,
                                           f"t{uid}__coordinating_groups": "wards"})
    post_block(office, draft, "header", h__summary="Về nhiệm vụ QP, QSĐP năm 2022")
    assert publish(office, draft).status_code == 302
    imported = Directive.objects.get(key=IMPORTED_KEY)
    assert imported.summary == "Về nhiệm vụ QP, QSĐP năm 2022"
    assert imported.tasks.filter(section__number=3).count() == 3
    exercise = imported.tasks.get(key="3.2")
    assert set(exercise.assignments.filter(role="lead").values_list("unit__key", flat=True)) == {
        "p-dinh-bang", "p-tuong-giang"}
    edited = imported.tasks.get(key="1.4")
    assert str(edited.deadline) == "2022-06-30" and not edited.deadline_proposed
    assert set(edited.assignments.filter(role="lead").values_list("unit__key", flat=True)) == {"ca-tp"}
    assert edited.assignments.filter(role="coordinating", unit__kind="ward").count() == 12
    assert all(a.due_date.isoformat() == "2022-06-30" for a in edited.assignments.all())


def test_the_confirmation_page_counts_tasks_even_when_the_loader_refuses(office, draft, yaml_directive):
    uid = task_uid(draft, "2.3")
    post_block(office, draft, "part-2", **{f"t{uid}__lead": None, f"t{uid}__lead_groups": None})
    html = office.get(reverse("directives:import_publish", args=[draft.pk])).content.decode()
    assert "chưa chọn đơn vị chủ trì" in html
    assert f"{len(draft.all_tasks())}</td>" in html
    assert "tính được khi đã sửa các mục dưới đây" in html and "0 lượt" not in html
