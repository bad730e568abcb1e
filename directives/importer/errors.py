"""Errors and the Vietnamese messages of the importer."""


class ImportTextError(Exception):
    """A file could not be turned into text. ``message_vi`` is shown to the user as is."""

    def __init__(self, message_vi):
        self.message_vi = message_vi
        super().__init__(message_vi)


MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 500_000

EMPTY_TEXT = "Văn bản trống."
NOT_A_TEXT = "Đầu vào không phải văn bản (chuỗi ký tự)."
NOT_RECOGNISED = (
    "Không nhận ra văn bản của Đảng: không tìm thấy số và ký hiệu, ngày ban hành "
    "hay các phần đánh số."
)
TOO_LONG = (
    "Văn bản dài quá {chars} ký tự (giới hạn {limit}); một chỉ thị thường chỉ vài chục "
    "nghìn ký tự — hãy kiểm tra lại tệp đã chọn."
)


def thousands(number):
    """1.399.400: the Vietnamese thousands separator is a dot."""
    return f"{number:,}".replace(",", ".")


INTERNAL = "Lỗi khi phân tích văn bản ({where}): {exc}. Phần đã đọc được vẫn được giữ lại."
