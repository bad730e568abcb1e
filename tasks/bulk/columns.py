"""The columns of the progress spreadsheet. The first seven identify the row and must come
back unchanged; the last three are the ones a person fills in."""

from django.utils.translation import gettext_lazy as _

ID = "id"
DIRECTIVE = "directive"
TASK_KEY = "task_key"
TASK = "task"
UNIT_KEY = "unit_key"
UNIT = "unit"
ROLE = "role"
DEADLINE = "deadline"
PROGRESS = "progress"
NOTE = "note"

HEADERS = {
    ID: _("Mã dòng"),
    DIRECTIVE: _("Văn bản"),
    TASK_KEY: _("Mã nhiệm vụ"),
    TASK: _("Nhiệm vụ"),
    UNIT_KEY: _("Mã đơn vị"),
    UNIT: _("Đơn vị"),
    ROLE: _("Vai trò"),
    DEADLINE: _("Thời hạn"),
    PROGRESS: _("Tiến độ (%)"),
    NOTE: _("Ghi chú"),
}
ORDER = list(HEADERS)
# Who fills in what: the unit its progress and note; the tracking body the deadline and the
# unit code (giving work nobody has reported on yet to another unit). The row id and the
# task code must come back unchanged.
UNIT_FIELDS = (PROGRESS, NOTE)
TRACKER_FIELDS = (DEADLINE, UNIT_KEY)
NOTE_MAX = 1000
MAX_ROWS = 20000
