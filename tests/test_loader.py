import datetime
import unicodedata

import pytest
import yaml

from directives.loading import LoadError, load_directive, load_file, read_file
from directives.models import CitedDocument, Directive, Recipient, Section, Task
from tasks.models import Assignment, Unit

from .conftest import DIRECTIVE_FILE

WARDS = [
    "Châu Khê", "Đình Bảng", "Đồng Kỵ", "Đồng Nguyên", "Đông Ngàn", "Hương Mạc",
    "Phù Chẩn", "Phù Khê", "Tam Sơn", "Tân Hồng", "Trang Hạ", "Tương Giang",
]


def all_rows():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Directive, Section, Task, CitedDocument, Recipient, Unit, Assignment)
    }


def test_header_is_the_directive_as_issued(directive):
    assert directive.parent_organ == "ĐẢNG BỘ TỈNH BẮC NINH"
    assert directive.issuing_organ == "THÀNH ỦY TỪ SƠN"
    assert directive.number_symbol == "03-CT/TU"
    assert directive.document_type == "CHỈ THỊ"
    assert directive.place_and_date == "Từ Sơn, ngày 04 tháng 01 năm 2022"
    assert directive.summary == "Về lãnh đạo thực hiện nhiệm vụ quốc phòng, quân sự địa phương năm 2022"
    assert (directive.signer_authority, directive.signer_position, directive.signer_name) == (
        "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lê Xuân Lợi")
    assert directive.tracking_unit.key == "duqs"
    assert directive.status == Directive.Status.PUBLISHED


def test_six_parts_in_order_with_their_text(directive):
    sections = list(directive.sections.order_by("number"))
    assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6]
    assert sections[2].text.startswith("Làm tốt công tác chuẩn bị và tổ chức diễn tập khu vực phòng thủ cấp thành phố")
    assert "“Đền ơn đáp nghĩa”, chính sách hậu phương Quân đội" in sections[4].text


def test_every_task_has_a_lead_unit(directive):
    tasks = Task.objects.filter(directive=directive)
    assert tasks.count() >= 25
    for task in tasks:
        assert task.assignments.filter(role=Assignment.Role.LEAD).exists(), task.key


def test_all_twelve_wards_receive_work(directive):
    wards = Unit.objects.filter(kind=Unit.Kind.WARD)
    assert sorted(w.short_name for w in wards) == sorted(WARDS)
    for ward in wards:
        assert Assignment.objects.filter(unit=ward, task__directive=directive).exists(), ward


def test_every_ward_issues_its_resolution(directive):
    resolution = Task.objects.get(directive=directive, section__isnull=True, title__icontains="Nghị quyết")
    assert resolution.assignments.filter(unit__kind=Unit.Kind.WARD, role="lead").count() == 12
    assert resolution.deadline_proposed


def test_named_ward_exercises_fall_to_their_wards(directive):
    for ward in ("p-dinh-bang", "p-tuong-giang", "p-tam-son"):
        assert Task.objects.filter(
            directive=directive, section__number=3, assignments__unit__key=ward,
            assignments__role="lead",
        ).exists(), ward
    tam_son = Task.objects.get(section__number=3, assignments__unit__key="p-tam-son", assignments__role="lead")
    assert "thiên tai" in tam_son.title.lower() or "thiên tai" in tam_son.description.lower()


def test_conscription_target_is_one_hundred_percent(directive):
    task = Task.objects.get(directive=directive, kind=Task.Kind.TARGET, description__contains="giao quân")
    assert task.target_value == 100


@pytest.mark.parametrize("day", [datetime.date(2022, 5, 7), datetime.date(2022, 10, 20), datetime.date(2022, 12, 22)])
def test_commemorations_fall_on_their_real_dates(directive, day):
    assert Task.objects.filter(directive=directive, kind=Task.Kind.EVENT, event_date=day).exists()


def test_each_cited_document_once_and_the_two_resolutions_28_apart(directive):
    numbers = list(directive.cited_documents.values_list("number", flat=True))
    for number in ["28-NQ/TW", "21/2019/NĐ-CP", "03/2019/NĐ-CP", "12-CT/TW", "07-QĐ/BTCTW",
                   "49/2015/QĐ-TTg", "62/2011/QĐ-TTg", "202/2013/TT-BQP"]:
        assert number in numbers, number
    assert numbers.count("28-NQ/TW") == 2
    issuers = set(directive.cited_documents.filter(number="28-NQ/TW").values_list("issuer", flat=True))
    assert any("Trung ương" in i for i in issuers) and any("Bộ Chính trị" in i for i in issuers)
    nd21 = CitedDocument.objects.get(number="21/2019/NĐ-CP")
    assert nd21.issued_on == datetime.date(2019, 2, 22)
    assert CitedDocument.objects.get(number="12-CT/TW").issued_on == datetime.date(2007, 5, 3)


def test_distribution_list_with_purposes(directive):
    recipients = list(directive.recipients.values_list("recipient", "purpose"))
    assert recipients[0] == ("Thường trực Tỉnh ủy", "bc")
    assert ("ĐUQS tỉnh", "bc") in recipients
    assert ("Các Đơn vị tự vệ", "th") in recipients
    assert recipients[-1][1] == "luu"


def test_text_is_nfc(directive):
    for section in directive.sections.all():
        assert unicodedata.is_normalized("NFC", section.text)
    assert unicodedata.is_normalized("NFC", directive.preamble)


def test_loading_twice_changes_nothing(directive):
    before = all_rows()
    result = load_file(DIRECTIVE_FILE)
    assert not result.changed, (result.created, result.updated, result.deleted)
    assert all_rows() == before


def test_proposed_deadlines_are_marked(directive):
    proposed = Task.objects.filter(directive=directive, deadline_proposed=True)
    assert proposed.exists()
    assert all(t.deadline_note for t in proposed)


def _data():
    return read_file(DIRECTIVE_FILE)


def _expect_error(data, place_fragment, db_models=(Directive, Task, Unit, Assignment)):
    counts = [m.objects.count() for m in db_models]
    with pytest.raises(LoadError) as excinfo:
        load_directive(data, source="thu.yaml")
    assert excinfo.value.source == "thu.yaml"
    assert any(place_fragment in place for place, _msg in excinfo.value.errors), excinfo.value.errors
    assert [m.objects.count() for m in db_models] == counts, "a failed load must write nothing"
    return str(excinfo.value)


def test_unknown_unit_names_the_task_and_writes_nothing(db):
    data = _data()
    data["sections"][2]["tasks"][0]["lead"] = ["p-khong-co"]
    message = _expect_error(data, "sections[2].tasks[0].lead")
    assert "thu.yaml: sections[2].tasks[0].lead" in message and "p-khong-co" in message


def test_bad_date_is_reported_with_its_place(db):
    data = _data()
    data["sections"][0]["tasks"][0]["deadline"] = "31/02/2022"
    _expect_error(data, "sections[0].tasks[0].deadline")


def test_duplicate_task_key_is_refused(db):
    data = _data()
    data["sections"][1]["tasks"][0]["key"] = data["sections"][0]["tasks"][0]["key"]
    _expect_error(data, "sections[1].tasks[0].key")


def test_task_without_lead_is_refused(db):
    data = _data()
    data["sections"][5]["tasks"][0]["lead"] = []
    _expect_error(data, "sections[5].tasks[0].lead")


def test_error_late_in_the_file_leaves_the_database_untouched(db):
    data = _data()
    data["distribution"][0]["purpose"] = "xyz"
    _expect_error(data, "distribution[0].purpose")
    assert not Directive.objects.exists() and not Unit.objects.exists()


def test_malformed_yaml_names_the_file_and_line(tmp_path):
    path = tmp_path / "hong.yaml"
    path.write_text("directive:\n  key: [unclosed\n", encoding="utf-8")
    with pytest.raises(LoadError) as excinfo:
        load_file(path)
    assert str(excinfo.value).startswith("hong.yaml: dòng ")


def test_not_a_mapping(db):
    with pytest.raises(LoadError, match="mapping"):
        load_directive(["a", "b"], source="x.yaml")


def test_changed_deadline_moves_unextended_assignments(directive):
    data = _data()
    task = data["sections"][0]["tasks"][0]
    task["deadline"] = datetime.date(2022, 11, 30)
    result = load_directive(data)
    assert result.updated["task"] == 1
    for a in Assignment.objects.filter(task__key=task["key"]):
        assert a.due_date == a.original_due_date == datetime.date(2022, 11, 30)


def test_seed_file_is_valid_yaml_in_nfc():
    text = DIRECTIVE_FILE.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert isinstance(yaml.safe_load(text), dict)


def test_a_load_that_changes_something_is_audited_once(directive):
    from audit.models import AuditEntry

    entries = AuditEntry.objects.filter(action="directive.load", object_id=str(directive.pk))
    assert entries.count() == 1
    assert entries.get().changes["created"]["task"] >= 25
    load_file(DIRECTIVE_FILE)  # unchanged: nothing new to record
    assert entries.count() == 1


def _with_new_task_for_dinh_bang(data, status):
    data["directive"]["status"] = status
    data["sections"][0]["tasks"].append({
        "key": "1.9", "title": "Nhiệm vụ bổ sung cho phường Đình Bảng", "description": "Bổ sung.",
        "kind": "one_off", "deadline": datetime.date(2022, 6, 30), "lead": ["p-dinh-bang"],
        "coordinating": [], "cites": [],
    })
    return data


def test_units_hear_of_new_work_once_a_published_load_commits(cast, directive,
                                                               django_capture_on_commit_callbacks):
    from notifications.models import Notification

    before = Notification.objects.filter(recipient=cast.dinh_bang).count()
    data = _with_new_task_for_dinh_bang(read_file(DIRECTIVE_FILE), "published")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        load_directive(data, source="bo-sung.yaml")
    assert Notification.objects.filter(recipient=cast.dinh_bang).count() == before, "not before commit"
    for callback in callbacks:
        callback()
    items = Notification.objects.filter(recipient=cast.dinh_bang).order_by("-pk")
    assert items.count() == before + 1
    assert "1.9" in items[0].title and "03-CT/TU" in items[0].title
    assert not Notification.objects.filter(recipient=cast.tuong_giang, title__contains="1.9").exists()


def test_a_draft_directive_notifies_nobody(cast, directive, django_capture_on_commit_callbacks):
    from notifications.models import Notification

    before = Notification.objects.count()
    data = _with_new_task_for_dinh_bang(read_file(DIRECTIVE_FILE), "draft")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        load_directive(data, source="bo-sung.yaml")
    assert Notification.objects.count() == before and callbacks == []


# --- The bundled file against the directive as issued -------------------------------------

ISSUED_TEXT = DIRECTIVE_FILE.parents[2] / "tests" / "importer" / "data" / "ct-03-2022.txt"


def _flat(text):
    """The issued text without its Markdown emphasis, whitespace collapsed."""
    import re

    return re.sub(r"\s+", " ", re.sub(r"\*+", "", text)).strip()


def test_every_part_preamble_and_closing_is_the_issued_text_verbatim():
    issued = _flat(ISSUED_TEXT.read_text(encoding="utf-8"))
    data = _data()
    for i, section in enumerate(data["sections"], start=1):
        assert f"{i}. {_flat(section['text'])}" in issued, f"part {i}"
    for name in ("preamble", "closing"):
        for paragraph in data["directive"][name].split("\n\n"):
            assert _flat(paragraph) in issued, (name, paragraph[:60])
    for name in ("parent_organ", "issuing_organ", "issuing_body", "summary", "signer_authority",
                 "signer_position", "signer_name"):
        assert data["directive"][name] in issued, name


def test_each_cited_document_is_one_row_only(directive):
    numbers = list(directive.cited_documents.values_list("number", flat=True))
    expected = ["28-NQ/TW", "28-NQ/TW", "21/2019/NĐ-CP", "03/2019/NĐ-CP", "12-CT/TW", "07-QĐ/BTCTW",
                "49/2015/QĐ-TTg", "62/2011/QĐ-TTg", "515", "28/2013/TTLT-BLĐTBXH-BQP", "202/2013/TT-BQP"]
    assert sorted(numbers) == sorted(expected)
    # Cited again in a task, a document is still the one row.
    assert Task.objects.get(directive=directive, key="5.6").cited_documents.count() == 5
    assert CitedDocument.objects.count() == len(expected)


# --- A hand-written file is checked strictly ----------------------------------------------

def _write(tmp_path, data, name="sua.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_misspelt_key_in_a_file_is_refused_with_its_place(db, tmp_path):
    data = _data()
    task = data["sections"][0]["tasks"][0]
    task["deadline_propsed"] = task.pop("deadline_proposed")
    with pytest.raises(LoadError) as excinfo:
        load_file(_write(tmp_path, data))
    assert "sua.yaml: sections[0].tasks[0].deadline_propsed: khóa 'deadline_propsed'" in str(excinfo.value)
    assert not Directive.objects.exists() and not Unit.objects.exists()


def test_unknown_keys_are_refused_at_every_level(db, tmp_path):
    data = _data()
    data["signer"] = "x"
    data["directive"]["sumary"] = "x"
    data["units"][0]["kin"] = "ward"
    data["documents"][0]["date"] = "2013-10-25"
    data["sections"][1]["txt"] = "x"
    data["closing_tasks"][0]["leads"] = ["duqs"]
    data["distribution"][0]["purpse"] = "bc"
    with pytest.raises(LoadError) as excinfo:
        load_file(_write(tmp_path, data))
    places = {place for place, _message in excinfo.value.errors}
    assert places == {"signer", "directive.sumary", "units[0].kin", "documents[0].date", "sections[1].txt",
                      "closing_tasks[0].leads", "distribution[0].purpse"}


def test_the_importers_own_keys_pass_through_load_directive(db):
    data = _data()
    data["sections"][0]["tasks"][0]["place"] = "đoạn 3"  # the importer's dictionaries carry extras
    assert load_directive(data, source="nhap.yaml").directive.key == "03-CT-TU-2022"


@pytest.mark.parametrize("value", ["no", "yes", 1, "false"])
def test_deadline_proposed_must_be_true_or_false(db, value):
    data = _data()
    data["sections"][0]["tasks"][0]["deadline_proposed"] = value
    message = _expect_error(data, "sections[0].tasks[0].deadline_proposed")
    assert "phải là true hoặc false" in message


def test_a_target_of_true_is_not_a_number(db):
    data = _data()
    data["sections"][3]["tasks"][1]["target_value"] = True
    _expect_error(data, "sections[3].tasks[1].target_value")


def test_units_whose_parents_form_a_loop_are_refused(db):
    data = _data()
    duqs = next(u for u in data["units"] if u["key"] == "duqs")
    duqs["parent"] = "bchqs"  # bchqs's parent is duqs
    message = _expect_error(data, ".parent")
    assert "vòng lặp" in message and "duqs" in message and "bchqs" in message


def test_a_parent_loop_through_the_stored_units_is_refused(directive):
    data = {**_data(), "units": [{"key": "duqs", "name": "Đảng ủy Quân sự thành phố", "short_name": "ĐUQS",
                                  "kind": "military", "parent": "dd-dbdv"}]}  # dd-dbdv → bchqs → duqs
    _expect_error(data, "units[duqs].parent")


# --- A reload that changes rows says what changed, object by object -----------------------

def test_a_reload_audits_each_changed_task_and_assignment_with_old_and_new(directive, tmp_path):
    from audit.models import AuditEntry

    data = _data()
    data["sections"][0]["tasks"][0]["deadline"] = datetime.date(2022, 11, 30)
    data["sections"][0]["tasks"][1]["title"] = "Tiêu đề mới"
    data["sections"][5]["tasks"].append({
        "key": "6.4", "title": "Nhiệm vụ bổ sung", "kind": "one_off", "deadline": datetime.date(2022, 6, 30),
        "lead": ["p-dinh-bang"]})
    load_file(_write(tmp_path, data))

    task_1_1 = Task.objects.get(directive=directive, key="1.1")
    entry = AuditEntry.objects.get(action="task.change", object_id=str(task_1_1.pk))
    assert entry.changes["deadline"] == ["2022-12-31", "2022-11-30"]
    assert entry.changes["source"] == "sua.yaml"
    title = AuditEntry.objects.get(action="task.change", object_id=str(Task.objects.get(key="1.2").pk))
    assert title.changes["title"][1] == "Tiêu đề mới"
    moved = AuditEntry.objects.filter(action="assignment.change")
    assert moved.count() == task_1_1.assignments.count()
    dinh_bang = task_1_1.assignments.get(unit__key="p-dinh-bang")
    one = moved.get(object_id=str(dinh_bang.pk))
    assert one.changes["due_date"] == ["2022-12-31", "2022-11-30"] and one.unit_id == dinh_bang.unit_id
    summary = AuditEntry.objects.filter(action="directive.load").latest("pk")
    assert summary.changes["tasks_created"] == ["6.4"]


def test_a_reload_that_drops_a_task_names_it(directive, tmp_path):
    from audit.models import AuditEntry

    data = _data()
    data["sections"][5]["tasks"].pop()
    load_file(_write(tmp_path, data))
    assert AuditEntry.objects.filter(action="directive.load").latest("pk").changes["tasks_deleted"] == ["6.3"]


def test_a_header_change_is_audited_on_the_directive(directive):
    from audit.models import AuditEntry

    data = _data()
    data["directive"]["status"] = "closed"
    load_directive(data, source="dong.yaml")
    entry = AuditEntry.objects.get(action="directive.change", object_id=str(directive.pk))
    assert entry.changes["status"] == ["published", "closed"]


# --- manage.py load_directive ------------------------------------------------------------

def test_the_command_loads_the_file_it_is_given(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_directive", str(DIRECTIVE_FILE), stdout=out)
    assert Directive.objects.get().number_symbol == "03-CT/TU"
    assert "03-CT-TU-2022.yaml" in out.getvalue()
    out = StringIO()
    call_command("load_directive", str(DIRECTIVE_FILE), stdout=out)
    assert "không thay đổi" in out.getvalue()


def test_the_command_names_the_file_and_place_of_an_error(db, tmp_path):
    from django.core.management import CommandError, call_command

    data = _data()
    data["sections"][2]["tasks"][0]["lead"] = ["p-khong-co"]
    with pytest.raises(CommandError, match=r"sua\.yaml: sections\[2\]\.tasks\[0\]\.lead"):
        call_command("load_directive", str(_write(tmp_path, data)))
    assert not Directive.objects.exists()
