"""The text of an urge written once for several units: placeholders filled per assignment."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reminders.models import UrgeTemplate

# {name} in the text → what it becomes for each assignment.
PLACEHOLDERS = {
    "don_vi": gettext_lazy("tên đơn vị"),
    "nhiem_vu": gettext_lazy("số và tên nhiệm vụ"),
    "thoi_han": gettext_lazy("thời hạn (dd/mm/yyyy)"),
    "so_ngay_qua_han": gettext_lazy("số ngày quá hạn"),
}
PLACEHOLDER = re.compile(r"\{([^{}\s]{1,40})\}")

DEFAULT_TEXT = gettext_lazy(
    "Kính gửi {don_vi}: nhiệm vụ {nhiem_vu} có thời hạn {thoi_han}, đến nay đã quá hạn {so_ngay_qua_han} ngày. "
    "Đề nghị đơn vị khẩn trương hoàn thành và nộp văn bản trên cổng theo dõi."
)


def unknown_placeholders(text):
    return sorted({name for name in PLACEHOLDER.findall(text or "") if name not in PLACEHOLDERS})


def check_text(text):
    """The Vietnamese reason `text` cannot be used, or ""."""
    unknown = unknown_placeholders(text)
    if unknown:
        return _("Không có ô thay thế %(names)s; chỉ dùng được: %(known)s.") % {
            "names": ", ".join("{" + n + "}" for n in unknown),
            "known": ", ".join("{" + n + "}" for n in PLACEHOLDERS),
        }
    return ""


def values_for(assignment, today):
    days = max(0, (today - assignment.due_date).days)
    return {
        "don_vi": assignment.unit.name,
        "nhiem_vu": f"{assignment.task.key}. {assignment.task.title}",
        "thoi_han": assignment.due_date.strftime("%d/%m/%Y"),
        "so_ngay_qua_han": str(days),
    }


def fill(text, assignment, today):
    """`text` with each known {placeholder} replaced (never str.format: no attribute access)."""
    values = values_for(assignment, today)
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def template_text(directive):
    found = UrgeTemplate.objects.filter(directive=directive).values_list("text", flat=True).first()
    return found or str(DEFAULT_TEXT)
