"""Texts other than the seed: another organ, another type, other layouts."""

import datetime

from directives.importer import parse_directive_text

KE_HOACH = """ĐẢNG BỘ THÀNH PHỐ TỪ SƠN
ĐẢNG ỦY PHƯỜNG ĐÌNH BẢNG
*
Số: 15-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Đình Bảng, ngày 10 tháng 02 năm 2023

KẾ HOẠCH
Thực hiện Chỉ thị số 03-CT/TU ngày 04/01/2022 của Ban Thường vụ Thành ủy

Thực hiện Chỉ thị số 03-CT/TU ngày 04/01/2022 của Ban Thường vụ Thành ủy Từ Sơn, Đảng ủy phường xây dựng kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, đảng viên và nhân dân về nhiệm vụ quốc phòng.

II. NHIỆM VỤ
1) Ban Chỉ huy Quân sự phường phối hợp với Công an phường tổ chức huấn luyện Dân quân, hoàn thành trước ngày 30/6/2023.
2) Tổ chức kỷ niệm 79 năm ngày thành lập Quân đội nhân dân Việt Nam.
3) Các chi bộ quán triệt kế hoạch đến đảng viên trong quý I/2023; báo cáo kết quả về Đảng ủy.

Nơi nhận:
- Ban Thường vụ Thành ủy (b/c);
- Đảng ủy Quân sự thành phố (b/c);
- Các chi bộ (t/h);
- Lưu VP.

T/M ĐẢNG ỦY
BÍ THƯ
(Đã ký)
Nguyễn Văn An
"""


def test_a_ward_plan():
    result = parse_directive_text(KE_HOACH)
    assert result.ok, result.errors
    d = result.data["directive"]
    assert (d["parent_organ"], d["issuing_organ"]) == ("ĐẢNG BỘ THÀNH PHỐ TỪ SƠN", "ĐẢNG ỦY PHƯỜNG ĐÌNH BẢNG")
    assert (d["number"], d["symbol"], d["key"]) == ("15", "KH/ĐU", "15-KH-DU-2023")
    assert (d["place"], d["issued_on"]) == ("Đình Bảng", datetime.date(2023, 2, 10))
    assert d["document_type"] == "KẾ HOẠCH" and d["issuing_body"] == ""
    assert d["summary"].startswith("Thực hiện Chỉ thị số 03-CT/TU")
    assert (d["signer_authority"], d["signer_position"], d["signer_name"]) == ("T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn An")
    # The arabic items are the parts; the Roman headings are handed back, not dropped.
    assert [s["number"] for s in result.data["sections"]] == [1, 2, 3]
    assert "II. NHIỆM VỤ" in result.unplaced
    t1, t2, t3 = (s["tasks"][0] for s in result.data["sections"])
    assert t1["deadline"] == datetime.date(2023, 6, 30) and t1["deadline_proposed"] is False
    # The ward's own military command and police: Đình Bảng's work.
    assert t1["lead"] == ["p-dinh-bang"] and not {"bchqs", "ca-tp"} & set(t1["coordinating"])
    assert t2["kind"] == "event" and t2["event_date"] == datetime.date(2023, 12, 22)
    assert t3["deadline"] == datetime.date(2023, 3, 31) and t3["lead"] == ["@party_cells"]
    assert [(r["recipient"], r["purpose"]) for r in result.data["distribution"]] == [
        ("Ban Thường vụ Thành ủy", "bc"), ("Đảng ủy Quân sự thành phố", "bc"), ("Các chi bộ", "th"),
        ("Lưu VP", "luu")]
    assert documents(result) == [("03-CT/TU", datetime.date(2022, 1, 4), "Ban Thường vụ Thành ủy Từ Sơn")]


def documents(result):
    return [(d["number"], d["issued_on"], d["issuer"]) for d in result.data["documents"]]


def test_one_line_header_and_numeric_date():
    text = ("THÀNH ỦY TỪ SƠN\nSố 7-TB/TU\nTừ Sơn, ngày 05/3/2022\nTHÔNG BÁO\nVề việc trực sẵn sàng chiến đấu\n\n"
            "1. Các phường duy trì nghiêm chế độ trực.\n2. Văn phòng Thành ủy theo dõi, tổng hợp.\n")
    result = parse_directive_text(text)
    assert result.ok
    d = result.data["directive"]
    assert (d["issuing_organ"], d["parent_organ"], d["number"], d["symbol"]) == ("THÀNH ỦY TỪ SƠN", "", "7", "TB/TU")
    assert d["issued_on"] == datetime.date(2022, 3, 5) and d["document_type"] == "THÔNG BÁO"
    assert any("cơ quan cấp trên" in w for w in result.warnings)
    assert result.data["sections"][0]["tasks"][0]["lead"] == ["@wards"]
    assert result.data["sections"][0]["tasks"][0]["kind"] == "periodic"
    assert result.data["sections"][1]["tasks"][0]["lead"] == ["vptu"]


def test_invalid_issue_date_is_a_warning():
    text = "THÀNH ỦY TỪ SƠN\nSố 7-TB/TU\nTừ Sơn, ngày 31 tháng 02 năm 2022\nTHÔNG BÁO\nVề việc x\n\n1. A b c.\n2. D e f.\n"
    result = parse_directive_text(text)
    assert result.data["directive"]["issued_on"] is None
    assert any("không hợp lệ" in w for w in result.warnings)
