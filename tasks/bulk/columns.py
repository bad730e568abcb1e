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
# Columns compared with the database: a changed one means the row no longer names its assignment.
KEYS = (ID, TASK_KEY, UNIT_KEY)
# Who fills in what: the unit its progress and note; the tracking body the deadline.
UNIT_FIELDS = (PROGRESS, NOTE)
TRACKER_FIELDS = (DEADLINE,)
NOTE_MAX = 1000
MAX_ROWS = 20000
