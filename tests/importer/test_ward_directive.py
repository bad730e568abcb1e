"""A ward-level directive written differently from the seed: items "1)", sub-items "a)", "-" and "+",
a Quyết định and two Thông tư liên tịch cited, the day of issue left blank for the signature,
and a brace beside one recipient of the distribution list."""

import datetime
from pathlib import Path

import pytest

from directives.importer import parse_directive_text
from directives.importer.tasks import clauses
from directives.importer.registry import default_registry

TEXT = (Path(__file__).resolve().parent / "data" / "ct-05-tuong-giang-2023.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result():
    return parse_directive_text(TEXT)


def _tasks(result, part):
    return next(s for s in result.data["sections"] if s["number"] == part)["tasks"]


def test_header_with_a_blank_day_keeps_the_place_and_the_year(result):
    assert result.ok, result.errors
    d = result.data["directive"]
    assert (d["parent_organ"], d["issuing_organ"]) == ("ĐẢNG BỘ THÀNH PHỐ TỪ SƠN", "ĐẢNG ỦY PHƯỜNG TƯƠNG GIANG")
    assert (d["number"], d["symbol"], d["key"]) == ("05", "CT/ĐU", "05-CT-DU-2023")
    assert (d["place"], d["issued_on"], d["year"]) == ("Tương Giang", None, 2023)
    assert d["summary"] == "Về tăng cường công tác tuyển chọn và gọi công dân nhập ngũ năm 2023"
    # The blank date line is read, not handed back as unplaced text; the Office is told to fill it in.
    assert result.unplaced == []
    assert [w for w in result.warnings if w.startswith("Ngày ban hành để trống")]
    assert not [w for w in result.warnings if w.startswith("Không tìm thấy ngày ban hành")]


@pytest.mark.parametrize("line,place", [
    ("Từ Sơn, ngày … tháng … năm 2023", "Từ Sơn"),
    ("Từ Sơn, ngày ... tháng 3 năm 2023", "Từ Sơn"),
    ("Đình Bảng, ngày    tháng    năm 2023", "Đình Bảng"),
])
def test_blank_day_variants(line, place):
    text = TEXT.replace("Tương Giang, ngày    tháng 02 năm 2023", line)
    d = parse_directive_text(text).data["directive"]
    assert (d["place"], d["issued_on"], d["year"]) == (place, None, 2023)


def test_sub_items_are_one_task_each_without_their_markers(result):
    part1, part2 = _tasks(result, 1), _tasks(result, 2)
    assert [t["description"] for t in part1] == [
        "Ban Chỉ huy Quân sự phường chủ trì, phối hợp với Công an phường tuyên truyền Luật Nghĩa vụ "
        "quân sự đến từng hộ gia đình, hoàn thành trước ngày 15/01/2023.",
        "Mặt trận Tổ quốc và các đoàn thể vận động thanh niên trong độ tuổi sẵn sàng nhập ngũ.",
    ]
    # "Ban Chỉ huy Quân sự phường chủ trì, phối hợp với Công an phường": the ward's own bodies,
    # so the issuing ward's work, not the city's military command and police.
    assert [t["lead"] for t in part1] == [["p-tuong-giang"], ["@mass_orgs"]]
    assert part1[0]["coordinating"] == [] and part1[1]["coordinating"] == []
    # Only the item that states a deadline has it; the other gets the proposed year end.
    assert (part1[0]["deadline"], part1[0]["deadline_proposed"]) == (datetime.date(2023, 1, 15), False)
    assert (part1[1]["deadline"], part1[1]["deadline_proposed"]) == (datetime.date(2023, 12, 31), True)
    # "-" and "+" items: three tasks, the target and the citation on the item that has them.
    assert [t["description"][:20] for t in part2] == ["Tổ chức sơ tuyển sức", "Phối hợp với Trung t",
                                                      "Giao quân đủ 100% ch"]
    assert [t["target_value"] for t in part2] == [None, None, 100]
    assert part2[2]["kind"] == "target"
    assert [t["cites"] for t in part2] == [[], ["ttlt-16-2016-ttlt-byt-bqp"], []]
    assert part2[1]["coordinating"] == ["ttyt"]
    assert part2[0]["deadline"] == datetime.date(2022, 12, 31)  # "trong tháng 12/2022"


def test_a_sentence_never_runs_across_a_line_break():
    text = "Tổ chức huấn luyện Dân quân theo kế hoạch\nCác phường rà soát, đăng ký công dân trong độ tuổi"
    assert [c.text for c in clauses(text, default_registry())] == [
        "Tổ chức huấn luyện Dân quân theo kế hoạch",
        "Các phường rà soát, đăng ký công dân trong độ tuổi",
    ]


def test_anniversary_with_its_date_range_in_another_year(result):
    (event,) = _tasks(result, 3)
    assert (event["kind"], event["event_date"], event["deadline"]) == (
        "event", datetime.date(2023, 12, 22), datetime.date(2023, 12, 22))
    assert event["deadline_proposed"] is False


def test_quyet_dinh_and_thong_tu_lien_tich_with_number_date_and_issuer(result):
    docs = {d["number"]: d for d in result.data["documents"]}
    assert set(docs) == {"1234/QĐ-UBND", "14/2016/TTLT-BCA-BQP", "16/2016/TTLT-BYT-BQP"}
    qd = docs["1234/QĐ-UBND"]
    assert (qd["doc_type"], qd["issued_on"], qd["issuer"]) == (
        "quyet_dinh", datetime.date(2022, 11, 15), "Ủy ban nhân dân thành phố")
    # The unquoted title stops before the next cited document ("và Thông tư liên tịch …").
    assert qd["title"] == "về giao chỉ tiêu tuyển quân năm 2023"
    ttlt = docs["14/2016/TTLT-BCA-BQP"]
    assert (ttlt["doc_type"], ttlt["issued_on"], ttlt["issuer"]) == (
        "thong_tu_lien_tich", datetime.date(2016, 3, 15), "Bộ Công an và Bộ Quốc phòng")
    # No issuer written: read from the symbol, both ministries.
    assert docs["16/2016/TTLT-BYT-BQP"]["issuer"] == "Bộ Y tế, Bộ Quốc phòng"


def test_an_unquoted_title_stops_where_the_sentence_subject_begins():
    from directives.importer.citations import DocumentBook

    book = DocumentBook()
    book.scan("Thực hiện Kế hoạch số 12-KH/TU ngày 03/3/2022 của Thành ủy về diễn tập khu vực phòng thủ, "
              "Ban Thường vụ Đảng ủy yêu cầu: …")
    assert [d["title"] for d in book.finish()] == ["về diễn tập khu vực phòng thủ"]


def test_a_brace_beside_a_recipient_covers_those_above_it(result):
    assert [(r["recipient"], r["purpose"]) for r in result.data["distribution"]] == [
        ("Ban Thường vụ Thành ủy", "bc"), ("Đảng ủy Quân sự thành phố", "bc"), ("Các chi bộ", "th"),
        ("Lưu VP", "luu")]
    assert any(w.startswith("Nơi nhận: dấu “}” bên cạnh") and "Ban Thường vụ Thành ủy" in w
               for w in result.warnings)
    assert not any("đã đề xuất theo cấp" in w for w in result.warnings)


def test_signature_and_tracking(result):
    d = result.data["directive"]
    assert (d["signer_authority"], d["signer_position"], d["signer_name"]) == (
        "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Nguyễn Thị Hoa")
    assert d["tracking_unit"] == "p-tuong-giang"  # "Ban Chỉ huy Quân sự phường theo dõi, đôn đốc"
    assert [t["lead"] for t in result.data["closing_tasks"]] == [["@party_cells"], ["p-tuong-giang"]]
