"""The parser's pieces on small inputs: normalisation, dates, citations, units, tasks."""

import datetime
import unicodedata

import pytest

from directives.importer.citations import DocumentBook, issuer_from_symbol, normalize_number
from directives.importer.dates import find_deadline, find_events, find_target
from directives.importer.normalize import normalize_text
from directives.importer.registry import default_registry
from directives.importer.tasks import clauses, short_title
from directives.importer.units import assign_roles

D = datetime.date
REG = default_registry()


def test_normalize():
    raw = unicodedata.normalize("NFD", "**Số 03 – CT/TU**\r\n\r\n*“về  chiến lược”*\u00a0 ;\r\n* mục")
    assert normalize_text(raw) == "Số 03 - CT/TU\n\n“về chiến lược”;\n- mục"


@pytest.mark.parametrize("text,expected", [
    ("kỷ niệm 68 năm ngày chiến thắng Điện Biên phủ", D(2022, 5, 7)),
    ("78 năm ngày thành lập Quân đội nhân dân Việt Nam", D(2022, 12, 22)),
    ("33 năm ngày hội Quốc phòng toàn dân", D(2022, 12, 22)),
    ("76 năm ngày truyền thống lực lượng vũ trang thành phố (20/10/1946 - 20/10/2022)", D(2022, 10, 20)),
    ("76 năm ngày truyền thống LLVT (20/10/1946 – 20/10/2022)", D(2022, 10, 20)),
    ("92 năm ngày thành lập Đảng Cộng sản Việt Nam", D(2022, 2, 3)),
])
def test_events(text, expected):
    events = find_events(normalize_text(text), 2022)
    assert [e.date for e in events] == [expected]


def test_no_event_without_a_known_day():
    assert find_events("trong 5 năm tới, tổ chức tốt", 2022) == []


@pytest.mark.parametrize("text,expected", [
    ("hoàn thành trước ngày 15/3/2022", D(2022, 3, 15)),
    ("báo cáo trước ngày 30/6", D(2022, 6, 30)),
    ("xong trong tháng 9/2022", D(2022, 9, 30)),
    ("hoàn thành trong quý II", D(2022, 6, 30)),
    ("sơ kết 6 tháng đầu năm", D(2022, 6, 30)),
    ("thực hiện tốt nhiệm vụ", None),
])
def test_deadlines(text, expected):
    assert find_deadline(text, 2022)[0] == expected


def test_target():
    assert find_target("giao quân đủ 100% chỉ tiêu, gắn với") == (100, "% chỉ tiêu")
    assert find_target("đạt 95,5% trở lên") == (95.5, "%")
    assert find_target("không có chỉ tiêu") == (None, "")


def test_numbers_and_symbol_issuers():
    assert normalize_number("28/2013/TTLT-BLĐT BXH-BQP") == "28/2013/TTLT-BLĐTBXH-BQP"
    assert normalize_number("28 - NQ/TW") == "28-NQ/TW"
    assert issuer_from_symbol("49/2015/QĐ-TTg") == "Thủ tướng Chính phủ"
    assert issuer_from_symbol("21/2019/NĐ-CP") == "Chính phủ"
    assert issuer_from_symbol("202/2013/TT-BQP") == "Bộ Quốc phòng"
    assert issuer_from_symbol("28-NQ/TW") == ""


def test_same_number_different_issuer_or_term_are_two_documents():
    book = DocumentBook()
    book.scan("Nghị quyết số 28-NQ/TW, ngày 25/10/2013 của Ban Chấp hành Trung ương (khóa XI) "
              "“về chiến lược bảo vệ Tổ quốc”; Nghị quyết số 28-NQ/TW của Bộ Chính trị (khóa X); "
              "Nghị quyết số 28-NQ/TW của Ban Chấp hành Trung ương (khoá XI); "
              "Nghị quyết số 28-NQ/TW của Ban Chấp hành Trung ương (khóa XIII).")
    docs = book.finish()
    assert [(d["issuer"], str(d["issued_on"])) for d in docs] == [
        ("Ban Chấp hành Trung ương (khóa XI)", "2013-10-25"),
        ("Bộ Chính trị (khóa X)", "None"),
        ("Ban Chấp hành Trung ương (khóa XIII)", "None"),
    ]
    assert len({d["key"] for d in docs}) == 3
    assert docs[0]["title"] == "về chiến lược bảo vệ Tổ quốc"


def test_citation_details():
    book = DocumentBook()
    book.scan("Chỉ thị số 12-CT/TW ngày 03/5/2007 của Bộ chính trị về tăng cường sự lãnh đạo của Đảng "
              "đối với công tác Giáo dục quốc phòng, an ninh trong tình hình mới, Quy định số "
              "07-QĐ/BTCTW ngày 16/4/2008 của Ban Tổ chức Trung ương quy định về tiêu chuẩn kiến thức. "
              "Quyết định 515 của Ban Chỉ đạo Trung ương; Thông tư liên tịch số 28/2013/TTLT-BLĐT BXH-BQP; "
              "Nghị quyết đại hội Đảng các cấp; Chỉ thị này được phổ biến; Quyết định 2 năm.")
    docs = {d["number"]: d for d in book.finish()}
    assert sorted(docs) == ["07-QĐ/BTCTW", "12-CT/TW", "28/2013/TTLT-BLĐTBXH-BQP", "515"]
    assert docs["12-CT/TW"]["issuer"] == "Bộ Chính trị"
    assert docs["12-CT/TW"]["title"].endswith("an ninh trong tình hình mới")
    assert docs["07-QĐ/BTCTW"]["title"] == "về tiêu chuẩn kiến thức"
    assert docs["07-QĐ/BTCTW"]["doc_type"] == "quy_dinh"
    assert docs["515"]["issuer"] == "Ban Chỉ đạo Trung ương"
    assert docs["28/2013/TTLT-BLĐTBXH-BQP"]["issuer"] == "Bộ Lao động - Thương binh và Xã hội, Bộ Quốc phòng"
    assert docs["28/2013/TTLT-BLĐTBXH-BQP"]["doc_type"] == "thong_tu_lien_tich"


@pytest.mark.parametrize("text,lead,coordinating", [
    ("chỉ đạo phường Đình Bảng, Tương Giang chuẩn bị đầy đủ điều kiện", ["p-dinh-bang", "p-tuong-giang"], []),
    ("Phường Tam Sơn diễn tập phòng chống thiên tai", ["p-tam-son"], []),
    ("lực lượng Quân sự phối hợp chặt chẽ với lực lượng Công an nắm chắc tình hình", ["bchqs"], ["ca-tp"]),
    ("Đảng ủy Quân sự thành phố chủ trì phối hợp với Văn phòng Thành ủy theo dõi", ["duqs"], ["vptu"]),
    ("Căn cứ Chỉ thị, Đảng ủy các phường ra Nghị quyết", ["@wards"], []),
    ("Các phòng, ban, ngành, đoàn thể thành phố xây dựng kế hoạch", ["@departments", "@mass_orgs"], []),
    ("chế độ chính sách cho lực lượng Dân quân tự vệ", [], []),
    ("PHƯỜNG ĐỒNG KỴ và phường Phù Chẩn, Châu Khê tổ chức", ["p-dong-ky", "p-phu-chan", "p-chau-khe"], []),
    ("xác định bằng kế hoạch", [], []),
    # Militia and self-defence units, named one by one or as a group.
    ("Các đơn vị tự vệ tổ chức huấn luyện đúng kế hoạch", ["@self_defence"], []),
    ("Trung đội Dân quân cơ động phối hợp với Công an thành phố tuần tra", ["dq-co-dong"], ["ca-tp"]),
    ("Ban Chỉ huy Quân sự thành phố chủ trì, phối hợp với các đơn vị tự vệ huấn luyện", ["bchqs"], ["@self_defence"]),
    ("Đại đội dự bị động viên huy động khẩn cấp sẵn sàng", ["dd-dbdv"], []),
    # A ward's own bodies are the ward's work, never the city's unit of the same name; unnamed
    # in a city-level document, nobody is guessed.
    ("Công an phường Đình Bảng phối hợp với Ban Chỉ huy Quân sự thành phố tuần tra", ["p-dinh-bang"], ["bchqs"]),
    ("BCHQS phường Tam Sơn chủ trì, phối hợp với Công an thành phố", ["p-tam-son"], ["ca-tp"]),
    ("Ban Chỉ huy Quân sự phường chủ trì, phối hợp với Công an phường tuyên truyền", [], []),
])
def test_roles(text, lead, coordinating):
    assert assign_roles(text, REG) == (lead, coordinating)


def test_a_ward_directive_gives_its_own_unnamed_bodies_to_the_issuing_ward():
    from directives.importer.units import home_ward

    home = home_ward(REG, "ĐẢNG ỦY PHƯỜNG TƯƠNG GIANG")
    assert home == "p-tuong-giang" and home_ward(REG, "THÀNH ỦY TỪ SƠN") is None
    text = "Ban Chỉ huy Quân sự phường chủ trì, phối hợp với Công an phường Đình Bảng tuyên truyền"
    assert assign_roles(text, REG, home=home) == (["p-tuong-giang"], ["p-dinh-bang"])


def test_clauses_split_before_a_new_obligation_only():
    text = ("Làm tốt công tác chuẩn bị và tổ chức diễn tập khu vực phòng thủ cấp thành phố; chỉ đạo "
            "phường Đình Bảng, Tương Giang chuẩn bị đầy đủ điều kiện, cơ sở vật chất. Tiếp tục thực "
            "hiện Quyết định số 49/2015/QĐ-TTg; Quyết định số 62/2011/QĐ-TTg và các chính sách mới.")
    got = [c.text for c in clauses(text, REG)]
    assert got == [
        "Làm tốt công tác chuẩn bị và tổ chức diễn tập khu vực phòng thủ cấp thành phố",
        "chỉ đạo phường Đình Bảng, Tương Giang chuẩn bị đầy đủ điều kiện, cơ sở vật chất.",
        "Tiếp tục thực hiện Quyết định số 49/2015/QĐ-TTg; Quyết định số 62/2011/QĐ-TTg và các chính sách mới.",
    ]


def test_short_title():
    assert short_title("Căn cứ Chỉ thị, Đảng ủy các phường ra Nghị quyết.") == "Đảng ủy các phường ra Nghị quyết"
    long = short_title("Tổ chức tuyển chọn, gọi công dân nhập ngũ có chất lượng, giao quân đủ 100% chỉ tiêu, gắn với tạo nguồn")
    assert long == "Tổ chức tuyển chọn, gọi công dân nhập ngũ có chất lượng"
