"""What a channel is handed: one recipient's items, checked and ordered, ready to render."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reminders.links import absolute, assignment_path
from reminders.models import Dispatch, Rule

# Which rule names the item when an assignment has several reasons in one message.
RULE_WEIGHT = {
    Rule.URGE: 0, Rule.ESCALATION: 1, Rule.OVERDUE: 2, Rule.DUE_TODAY: 3,
    Rule.BEFORE_DUE: 4, Rule.RETURNED: 5, Rule.EXPLANATION: 6,
}


def short_date(day):
    return date_format(day, "SHORT_DATE_FORMAT")


def deadline_phrase(due_date, as_of):
    days_left = (due_date - as_of).days
    if days_left > 0:
        return ngettext("Còn %(n)d ngày đến hạn", "Còn %(n)d ngày đến hạn", days_left) % {"n": days_left}
    if days_left == 0:
        return _("Đến hạn hôm nay")
    return ngettext("Quá hạn %(n)d ngày", "Quá hạn %(n)d ngày", -days_left) % {"n": -days_left}


def reason_for(log, as_of):
    """What a rule adds to the item's headline (the deadline phrase), or None."""
    if log.rule == Rule.ESCALATION:
        return _("Quá hạn kéo dài: báo cáo lãnh đạo đơn vị và cơ quan theo dõi")
    if log.rule == Rule.RETURNED:
        return _("Văn bản bị trả lại để hoàn thiện, đơn vị chưa nộp lại")
    if log.rule == Rule.EXPLANATION:
        return _("Yêu cầu giải trình chưa được trả lời")
    if log.rule == Rule.URGE and log.urge_id:
        return _("Đôn đốc của %(author)s") % {
            "author": log.urge.author.get_full_name() or log.urge.author.get_username()}
    return None  # before the deadline, on the day, overdue: the headline says it all


@dataclass
class Item:
    assignment_id: int
    task_label: str
    unit_name: str
    directive_label: str
    due_date: datetime.date
    days_left: int
    headline: str
    path: str
    rules: list = field(default_factory=list)
    reasons: list = field(default_factory=list)

    @property
    def url(self):
        return absolute(self.path)

    @property
    def main_rule(self):
        return min(self.rules, key=RULE_WEIGHT.get)

    @property
    def is_overdue(self):
        return self.days_left < 0

    def sort_key(self):
        # Most urgent first: the most days overdue, then the soonest deadline.
        return (self.due_date, RULE_WEIGHT[self.main_rule], self.task_label, self.unit_name)


def build_items(logs, as_of):
    """One item per assignment (an assignment may owe several reminders at once), sorted."""
    items = {}
    for log in sorted(logs, key=lambda log: RULE_WEIGHT[log.rule]):
        a = log.assignment
        item = items.get(a.pk)
        if item is None:
            item = items[a.pk] = Item(
                assignment_id=a.pk,
                task_label=f"{a.task.key}. {a.task.title}",
                unit_name=a.unit.name,
                directive_label=a.task.directive.number_symbol,
                due_date=a.due_date,
                days_left=(a.due_date - as_of).days,
                headline=deadline_phrase(a.due_date, as_of),
                path=assignment_path(a),
            )
        reason = reason_for(log, as_of)
        item.rules.append(log.rule)
        if reason and reason not in item.reasons:
            item.reasons.append(reason)
    return sorted(items.values(), key=Item.sort_key)


@dataclass
class Bundle:
    dispatch_id: int
    kind: str
    recipient: object
    as_of: datetime.date
    items: list
    urge: object = None

    @property
    def subject(self):
        count = len(self.items)
        if self.kind == Dispatch.Kind.URGE:
            return _("[Đôn đốc] %(task)s – %(unit)s") % {
                "task": self.items[0].task_label, "unit": self.items[0].unit_name}
        if self.kind == Dispatch.Kind.IMMEDIATE:
            if count == 1:
                return _("[Cảnh báo] %(headline)s: %(task)s – %(unit)s") % {
                    "headline": self.items[0].headline, "task": self.items[0].task_label,
                    "unit": self.items[0].unit_name}
            return ngettext("[Cảnh báo] %(n)d nhiệm vụ quá hạn kéo dài",
                            "[Cảnh báo] %(n)d nhiệm vụ quá hạn kéo dài", count) % {"n": count}
        return ngettext("[Nhắc việc] Ngày %(date)s: %(n)d việc cần chú ý",
                        "[Nhắc việc] Ngày %(date)s: %(n)d việc cần chú ý", count) % {
            "date": short_date(self.as_of), "n": count}

    def context(self):
        return {
            "bundle": self,
            "recipient": self.recipient,
            "recipient_name": self.recipient.get_full_name() or self.recipient.get_username(),
            "items": self.items,
            "overdue_count": sum(1 for i in self.items if i.is_overdue),
            "as_of": self.as_of,
            "urge": self.urge,
            "subject": self.subject,
            "site_url": settings.SITE_URL,
            "portal_name": settings.PORTAL_NAME,
        }
