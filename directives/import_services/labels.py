"""Vietnamese names of the fields of a directive's structured form, shared by forms and error messages."""

from django.utils.translation import gettext_lazy as _

HEADER = {
    "parent_organ": _("Cơ quan cấp trên"),
    "issuing_organ": _("Cơ quan ban hành"),
    "number": _("Số"),
    "symbol": _("Ký hiệu"),
    "document_type": _("Loại văn bản"),
    "issuing_body": _("Chủ thể ban hành (dòng dưới loại văn bản)"),
    "summary": _("Trích yếu"),
    "place": _("Địa danh"),
    "issued_on": _("Ngày ban hành"),
    "signer_authority": _("Thẩm quyền ký (T/M …)"),
    "signer_position": _("Chức vụ người ký"),
    "signer_name": _("Họ tên người ký"),
    "tracking_unit": _("Cơ quan theo dõi, đôn đốc"),
    "preamble": _("Phần mở đầu"),
    "closing": _("Phần kết (tổ chức thực hiện)"),
}

PART = {
    "title": _("Tiêu đề ngắn của phần"),
    "text": _("Nội dung đầy đủ của phần"),
    "cites": _("Văn bản viện dẫn trong phần"),
}

TASK = {
    "title": _("Tên nhiệm vụ"),
    "description": _("Nội dung (trích từ chỉ thị)"),
    "kind": _("Loại nhiệm vụ"),
    "deadline": _("Thời hạn"),
    "deadline_proposed": _("Thời hạn đề xuất (chỉ thị không nêu)"),
    "deadline_note": _("Ghi chú thời hạn"),
    "event_date": _("Ngày diễn ra (sự kiện)"),
    "target_value": _("Chỉ tiêu (số)"),
    "target_unit": _("Đơn vị tính của chỉ tiêu"),
    "lead": _("Đơn vị chủ trì"),
    "coordinating": _("Đơn vị phối hợp"),
    "cites": _("Văn bản viện dẫn"),
}

DOCUMENT = {
    "doc_type": _("Loại"),
    "number": _("Số, ký hiệu"),
    "issued_on": _("Ngày ban hành"),
    "issuer": _("Cơ quan ban hành"),
    "title": _("Trích yếu"),
}

RECIPIENT = {
    "recipient": _("Nơi nhận"),
    "purpose": _("Mục đích"),
}
