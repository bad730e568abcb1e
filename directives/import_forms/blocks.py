"""The draft's blocks: header, parts, tasks, and what their choices are drawn from.

The forms check formats only (dates, numbers, lengths, choices); whether the directive is
complete is decided when it is published, by the loader, whose refusals are shown next to the
same fields.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from directives import recurrence
from directives.import_services import GROUP_LABELS, labels, sentences
from directives.models import Task
from tasks.forms.base import PortalFormMixin, VietnameseDateField
from tasks.models import Unit

from .widgets import QuickCheckboxes, QuickSelect, RowsMixin, UnitSelect

# Wards first: they are what most tasks are given to.
KIND_ORDER = [Unit.Kind.WARD, Unit.Kind.MILITARY, Unit.Kind.POLICE, Unit.Kind.OFFICE, Unit.Kind.DEPARTMENT,
              Unit.Kind.MASS_ORG, Unit.Kind.MILITIA, Unit.Kind.SELF_DEFENCE, Unit.Kind.PARTY_CELL]


@dataclass
class DraftChoices:
    """What the draft's forms choose from, read once per request."""

    units: list                      # [(kind label, [(key, name)])]
    unit_names: dict                 # key → name
    groups: list                     # [(name, label)]
    documents: list                  # [(key, label)]
    parts: list                      # [(part id, label)]
    group_members: dict = field(default_factory=dict)

    @classmethod
    def build(cls, data, groups):
        from directives.import_services import part_ids

        by_kind, names = {}, {}
        units = sorted(Unit.objects.filter(is_active=True),
                       key=lambda u: (KIND_ORDER.index(u.kind) if u.kind in KIND_ORDER else 99, u.name))
        for unit in units:
            by_kind.setdefault(unit.get_kind_display(), []).append((unit.key, unit.name))
            names[unit.key] = unit.name
        group_choices = [(name, f"{GROUP_LABELS.get(name, name)} ({len(members)})")
                         for name, members in groups.items()]
        documents = [(d["key"], f"{d.get('number') or '?'} — {d.get('issuer') or ''}".rstrip(" —"))
                     for d in data.get("documents") or []]
        parts = [(p, _("Tổ chức thực hiện") if p == "C" else _("Phần %(n)s") % {"n": p}) for p in part_ids(data)]
        return cls(list(by_kind.items()), names, group_choices, documents, parts, dict(groups))

    def describe(self, refs):
        out = []
        for ref in refs or []:
            if ref.startswith("@"):
                out.append(str(GROUP_LABELS.get(ref[1:], ref)))
            else:
                out.append(self.unit_names.get(ref, ref))
        return out


class HeaderForm(RowsMixin, PortalFormMixin, forms.Form):
    parent_organ = forms.CharField(max_length=200, required=False)
    issuing_organ = forms.CharField(max_length=200, required=False)
    number = forms.CharField(max_length=20, required=False)
    symbol = forms.CharField(max_length=40, required=False)
    document_type = forms.CharField(max_length=60, required=False)
    issuing_body = forms.CharField(max_length=200, required=False)
    summary = forms.CharField(max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    place = forms.CharField(max_length=100, required=False)
    issued_on = VietnameseDateField(allow_future=True, required=False)
    signer_authority = forms.CharField(max_length=100, required=False)
    signer_position = forms.CharField(max_length=100, required=False)
    signer_name = forms.CharField(max_length=100, required=False)
    tracking_unit = forms.ChoiceField(required=False)
    preamble = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            f.label = labels.HEADER[name]
        self.fields["tracking_unit"].choices = [("", _("— chọn đơn vị —"))] + choices.units

    def values(self):
        values = dict(self.cleaned_data)
        values["issued_on"] = values["issued_on"].isoformat() if values["issued_on"] else None
        return values


class PartForm(RowsMixin, PortalFormMixin, forms.Form):
    title = forms.CharField(max_length=300, required=False)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}))
    cites = forms.MultipleChoiceField(required=False, widget=QuickCheckboxes)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            f.label = labels.PART[name]
        self.fields["cites"].choices = choices.documents

    def values(self):
        return dict(self.cleaned_data)


class ClosingForm(RowsMixin, PortalFormMixin, forms.Form):
    text = forms.CharField(label=labels.HEADER["closing"], required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)

    def values(self):
        return dict(self.cleaned_data)


def as_date(value):
    """Initial values are ISO strings in the draft; a date object shows as dd/mm/yyyy."""
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


MANY = _("Giữ phím Ctrl (⌘ trên máy Mac) khi bấm để chọn thêm hoặc bỏ bớt một đơn vị.")


class TaskForm(RowsMixin, PortalFormMixin, forms.Form):
    title = forms.CharField(max_length=300, required=False)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(choices=Task.Kind.choices, widget=QuickSelect)
    deadline = VietnameseDateField(allow_future=True, required=False)
    deadline_proposed = forms.BooleanField(required=False)
    deadline_note = forms.CharField(max_length=300, required=False)
    event_date = VietnameseDateField(allow_future=True, required=False)
    target_value = forms.DecimalField(
        required=False, min_value=Decimal("0"), max_digits=12, decimal_places=2, localize=True,
        error_messages={"invalid": _("Hãy nhập một số, ví dụ 100 hoặc 97,5."),
                        "min_value": _("Chỉ tiêu không thể là số âm.")},
    )
    target_unit = forms.CharField(max_length=100, required=False)
    repeat_every = forms.ChoiceField(
        label=_("Lặp lại (báo cáo định kỳ)"), required=False, widget=QuickSelect,
        choices=[("", _("Không lặp lại")), (recurrence.MONTHLY, _("Hằng tháng")),
                 (recurrence.QUARTERLY, _("Hằng quý")), (recurrence.HALF_YEARLY, _("6 tháng một lần")),
                 (recurrence.YEARLY, _("Hằng năm"))],
        help_text=_("Mỗi kỳ thành một nhiệm vụ riêng, được theo dõi, nhắc việc và thống kê như mọi nhiệm vụ."),
    )
    repeat_day = forms.IntegerField(
        label=_("Hạn mỗi kỳ: ngày … của tháng cuối kỳ"), required=False, min_value=1, max_value=31,
        help_text=_("Để trống là ngày cuối tháng."),
        error_messages={"min_value": _("Ngày từ 1 đến 31."), "max_value": _("Ngày từ 1 đến 31."),
                        "invalid": _("Hãy nhập một số từ 1 đến 31.")},
    )
    lead = forms.MultipleChoiceField(required=False, widget=UnitSelect(attrs={"size": 6}), help_text=MANY)
    lead_groups = forms.MultipleChoiceField(label=_("Chủ trì theo nhóm"), required=False,
                                            widget=QuickCheckboxes)
    coordinating = forms.MultipleChoiceField(required=False, widget=UnitSelect(attrs={"size": 6}),
                                             help_text=MANY)
    coordinating_groups = forms.MultipleChoiceField(label=_("Phối hợp theo nhóm"), required=False,
                                                    widget=QuickCheckboxes)
    cites = forms.MultipleChoiceField(required=False, widget=QuickCheckboxes)
    selected = forms.BooleanField(label=_("Chọn để gộp"), required=False)
    split_at = forms.TypedChoiceField(label=_("Tách trước câu"), required=False, coerce=int, empty_value=0,
                                      widget=QuickSelect)
    move_to = forms.ChoiceField(label=_("Chuyển sang"), required=False, widget=QuickSelect)

    def __init__(self, *args, task, choices, **kwargs):
        self.task = task
        refs = {role: task.get(role) or [] for role in ("lead", "coordinating")}
        kwargs.setdefault("initial", {
            **{k: task.get(k) for k in ("title", "description", "kind", "deadline_proposed", "deadline_note",
                                        "target_unit", "cites")},
            "deadline": as_date(task.get("deadline")), "event_date": as_date(task.get("event_date")),
            "target_value": task.get("target_value"),
            "repeat_every": (task.get("recurrence") or {}).get("every", ""),
            "repeat_day": (task.get("recurrence") or {}).get("day"),
            "lead": [k for k in refs["lead"] if not k.startswith("@")],
            "lead_groups": [k[1:] for k in refs["lead"] if k.startswith("@")],
            "coordinating": [k for k in refs["coordinating"] if not k.startswith("@")],
            "coordinating_groups": [k[1:] for k in refs["coordinating"] if k.startswith("@")],
        })
        kwargs.setdefault("prefix", f"t{task['uid']}")
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            if name in labels.TASK:
                f.label = labels.TASK[name]
        self.fields["lead"].choices = self.fields["coordinating"].choices = choices.units
        self.fields["lead_groups"].choices = self.fields["coordinating_groups"].choices = choices.groups
        self.fields["cites"].choices = choices.documents
        pieces = sentences(task.get("description"))
        self.fields["split_at"].choices = [(0, _("— nhân đôi nhiệm vụ —"))] + [
            (i, f"{i + 1}. {piece[:70]}{'…' if len(piece) > 70 else ''}") for i, piece in enumerate(pieces) if i
        ]
        self.fields["move_to"].choices = [("", _("— chọn phần —"))] + choices.parts
        # The merge box sits beside the folded task: say which task it selects.
        self.fields["selected"].widget.attrs["aria-describedby"] = f"nv-{task['uid']}-title"
        self.can_split_sentences = len(pieces) > 1

    def values(self):
        d = self.cleaned_data
        return {
            "title": d["title"], "description": d["description"], "kind": d["kind"],
            "deadline": d["deadline"].isoformat() if d["deadline"] else None,
            "deadline_proposed": d["deadline_proposed"], "deadline_note": d["deadline_note"],
            "event_date": d["event_date"].isoformat() if d["event_date"] else None,
            "target_value": _number(d["target_value"]), "target_unit": d["target_unit"],
            "lead": [f"@{g}" for g in d["lead_groups"]] + list(d["lead"]),
            "coordinating": [f"@{g}" for g in d["coordinating_groups"]] + list(d["coordinating"]),
            "cites": list(d["cites"]),
            "recurrence": {"every": d["repeat_every"], "day": d["repeat_day"]} if d["repeat_every"] else None,
        }
