"""Errors and the messages of the importer (Vietnamese, translatable: tuson_qp.notes)."""

from tuson_qp.notes import gettext_noop


class ImportTextError(Exception):
    """A file could not be turned into text. ``message_vi``: the Vietnamese message, a Note
    (tuson_qp.notes) that the pages show in the reader's language."""

    def __init__(self, message_vi):
        self.message_vi = message_vi
        super().__init__(message_vi)


MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 500_000

EMPTY_TEXT = gettext_noop("Văn bản trống.")
NOT_A_TEXT = gettext_noop("Đầu vào không phải văn bản (chuỗi ký tự).")
NOT_RECOGNISED = gettext_noop(
    "Không nhận ra văn bản của Đảng: không tìm thấy số và ký hiệu, ngày ban hành "
    "hay các phần đánh số."
)
TOO_LONG = gettext_noop(
    "Văn bản dài quá %(chars)s ký tự (giới hạn %(limit)s); một chỉ thị thường chỉ vài chục "
    "nghìn ký tự — hãy kiểm tra lại tệp đã chọn."
)


def thousands(number):
    """1.399.400: the Vietnamese thousands separator is a dot."""
    return f"{number:,}".replace(",", ".")


INTERNAL = gettext_noop("Lỗi khi phân tích văn bản (%(where)s): %(exc)s. Phần đã đọc được vẫn được giữ lại.")
