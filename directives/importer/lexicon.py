"""Words the parser relies on: obligation verbs, document types, known issuers."""

import re

# Verbs (and verb phrases) that open an obligation in a directive's clauses.
OBLIGATION_VERBS = [
    "bảo đảm", "đảm bảo", "bồi dưỡng", "chỉ đạo", "chú trọng", "chuẩn bị", "củng cố", "cử",
    "duy trì", "đẩy mạnh", "đổi mới", "đôn đốc", "giải quyết", "giáo dục", "giữ vững", "gọi",
    "huấn luyện", "kết hợp", "kiểm tra", "kịp thời", "lãnh đạo", "làm tốt", "nâng cao",
    "nắm chắc", "phát huy", "phối hợp", "phổ biến", "quán triệt", "quản lý", "quan tâm",
    "ra nghị quyết", "sơ kết", "tăng cường", "tập trung", "tham mưu", "theo dõi", "thực hành",
    "thực hiện", "tiếp tục", "tổ chức", "tổng kết", "triển khai", "tuyên truyền", "tuyển chọn",
    "xây dựng", "rà soát", "hoàn thành", "ban hành", "đầu tư", "diễn tập", "giao quân",
]
_VERB_ALT = "|".join(sorted((re.escape(v) for v in OBLIGATION_VERBS), key=len, reverse=True))
VERB_START = re.compile(r"^(?:" + _VERB_ALT + r")(?!\w)", re.I)
# Verbs that open a sentence; capitalised in running text they mark a missing full stop
# ("… khu vực phòng thủ Nâng cao hiệu quả …"). Nouns that are also verbs ("Giáo dục") are left out.
SENTENCE_VERBS = [
    "Chỉ đạo", "Chú trọng", "Duy trì", "Đẩy mạnh", "Kết hợp", "Làm tốt", "Lãnh đạo", "Nâng cao",
    "Quán triệt", "Quản lý", "Tăng cường", "Tập trung", "Thực hiện", "Tiếp tục", "Tổ chức",
    "Triển khai", "Xây dựng",
]
CAPITAL_VERB = re.compile(r"\s(?=(?:" + "|".join(SENTENCE_VERBS) + r")(?!\w))")

DOC_TYPES = [
    ("Thông tư liên tịch", "thong_tu_lien_tich", "ttlt"),
    ("Thông tư", "thong_tu", "tt"),
    ("Nghị quyết", "nghi_quyet", "nq"),
    ("Nghị định", "nghi_dinh", "nd"),
    ("Chỉ thị", "chi_thi", "ct"),
    ("Quyết định", "quyet_dinh", "qd"),
    ("Quy định", "quy_dinh", "qdinh"),
    ("Kết luận", "other", "kl"),
    ("Hướng dẫn", "other", "hd"),
    ("Kế hoạch", "other", "kh"),
    ("Thông báo", "other", "tb"),
    ("Luật", "other", "luat"),
]

KNOWN_ISSUERS = [
    "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Chính phủ", "Thủ tướng Chính phủ",
    "Quốc hội", "Ủy ban Thường vụ Quốc hội", "Bộ Quốc phòng", "Bộ Công an",
    "Ban Tổ chức Trung ương", "Ban Tuyên giáo Trung ương", "Ban Chỉ đạo Trung ương",
    "Quân ủy Trung ương", "Bộ Lao động - Thương binh và Xã hội", "Tỉnh ủy", "Thành ủy",
    "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Thành ủy", "Ủy ban nhân dân tỉnh",
    "Ủy ban nhân dân thành phố", "Hội đồng nhân dân tỉnh", "Đảng ủy Quân sự tỉnh",
]

# Symbol parts that name their issuer.
SYMBOL_ISSUERS = {
    "TTG": "Thủ tướng Chính phủ",
    "CP": "Chính phủ",
    "BQP": "Bộ Quốc phòng",
    "BCA": "Bộ Công an",
    "BYT": "Bộ Y tế",
    "BTP": "Bộ Tư pháp",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BTC": "Bộ Tài chính",
    "BNV": "Bộ Nội vụ",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BTCTW": "Ban Tổ chức Trung ương",
    "BTGTW": "Ban Tuyên giáo Trung ương",
    "QUTW": "Quân ủy Trung ương",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
}

DOCUMENT_TYPES = [
    "CHỈ THỊ", "NGHỊ QUYẾT", "KẾ HOẠCH", "QUYẾT ĐỊNH", "THÔNG BÁO", "BÁO CÁO", "QUY ĐỊNH",
    "HƯỚNG DẪN", "KẾT LUẬN", "CHƯƠNG TRÌNH", "QUY CHẾ", "TỜ TRÌNH", "CÔNG VĂN", "ĐỀ ÁN",
    "THÔNG TRI", "LỜI KÊU GỌI", "TUYÊN BỐ",
]
