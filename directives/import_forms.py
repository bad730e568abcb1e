"""Forms of the directive import: the source (paste or upload), the draft's blocks, publishing.

The draft's forms check formats only (dates, numbers, lengths, choices); whether the directive
is complete is decided when it is published, by the loader, whose refusals are shown next to
the same fields.
"""

import datetime
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.forms.boundfield import BoundField
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from directives.import_services import GROUP_LABELS, labels, sentences
from directives.importer import ImportTextError, extract_text
from directives.importer.errors import MAX_FILE_BYTES
from directives.models import CitedDocument, Directive, Recipient, Task
from tasks.forms.base import PortalFormMixin, VietnameseDateField
from tasks.models import Unit

_VI_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def looks_vietnamese(text):
    """False for a text with plenty of letters and (almost) no Vietnamese ones."""
    sample = unicodedata.normalize("NFC", text[:20000]).lower()
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 80:
        return True  # too short to judge; the parser will say what it misses
    return sum(ch in _VI_LETTERS for ch in sample) / letters >= 0.03


NOT_VIETNAMESE = _(
    "Văn bản không phải tiếng Việt có dấu, nên không đọc được như một chỉ thị. Nếu văn bản được gõ "
    "không dấu hoặc bằng phông chữ cũ (TCVN3, VNI), hãy chuyển sang Unicode rồi thử lại."
)


class ImportSourceForm(PortalFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Dán nội dung chỉ thị"), required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=_("Dán toàn bộ văn bản, từ “ĐẢNG BỘ …” ở đầu đến hết phần “Nơi nhận”."),
    )
    file = forms.FileField(
        label=_("Hoặc tải tệp lên (TXT, DOCX hoặc PDF có lớp chữ, tối đa 5 MB)"), required=False,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf,text/plain,application/pdf,"
                                               "application/vnd.openxmlformats-officedocument."
                                               "wordprocessingml.document",
                                               "data-max-bytes": MAX_FILE_BYTES}),
    )

    def clean(self):
        data = super().clean()
        text, upload = data.get("text") or "", data.get("file")
        if self.errors:
            return data
        if upload and text.strip():
            raise forms.ValidationError(_("Chỉ dùng một cách: dán văn bản hoặc tải tệp lên, không cả hai."))
        if upload:
            self._read_upload(upload)
        elif not text.strip():
            self.add_error("text", _("Hãy dán nội dung chỉ thị vào ô này hoặc chọn một tệp để tải lên."))
        else:
            data.update(source_text=text, source_type="paste", source_name="", extract_warnings=[])
        source = data.get("source_text")
        if source is not None and not looks_vietnamese(source):
            self.add_error("file" if upload else "text", NOT_VIETNAMESE)
        return data

    def _read_upload(self, upload):
        name = upload.name or "tệp"
        if upload.size > MAX_FILE_BYTES:
            self.add_error("file", _("%(name)s: tệp lớn %(size)s MB, vượt giới hạn 5 MB.")
                           % {"name": name, "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")})
            return
        content = upload.read()
        refusal = _zip_refusal(name, content)
        if refusal:
            self.add_error("file", refusal)
            return
        try:
            text = extract_text(name, content)
        except ImportTextError as error:
            self.add_error("file", error.message_vi)
            return
        self.cleaned_data.update(source_text=str(text), source_type=text.source_type, source_name=name,
                                 extract_warnings=list(text.warnings))

    @property
    def source_field(self):
        return "file" if self.cleaned_data.get("source_type", "paste") != "paste" else "text"


def _zip_refusal(name, content):
    """An archive bomb posing as a DOCX is refused before python-docx opens it."""
    if content[:4] != b"PK\x03\x04":
        return None
    from tasks.uploads.zipcheck import ZipProblem, check_archive

    try:
        check_archive(io.BytesIO(content), len(content))
    except ZipProblem as problem:
        if problem.code in ("too_many_entries", "too_large", "ratio"):
            return _("%(name)s: tệp nén có kích thước giải nén bất thường, không mở được; hãy lưu lại "
                     "văn bản thành .docx mới hoặc PDF.") % {"name": name}
    return None


class QuickOptions:
    """Options drawn in Python, with the markup of Django's templates: a draft has dozens of unit
    lists, and one template per option made the page slow to draw."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        parts = [format_html("<select name=\"{}\"{}>", name, flatatt(context["attrs"]))]
        for group, options, _index in context["optgroups"]:
            if group:
                parts.append(format_html("<optgroup label=\"{}\">", group))
            parts += [format_html("<option value=\"{}\"{}>{}</option>", o["value"],
                                  mark_safe(" selected") if o["selected"] else "", o["label"]) for o in options]
            if group:
                parts.append(mark_safe("</optgroup>"))
        parts.append(mark_safe("</select>"))
        return mark_safe("".join(parts))


class QuickSelect(QuickOptions, forms.Select):
    pass


class UnitSelect(QuickOptions, forms.SelectMultiple):
    pass


class QuickCheckboxes(forms.CheckboxSelectMultiple):
    """Inline Bootstrap checkboxes drawn in Python (group shortcuts, cited documents)."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        parts = []
        for _group, options, _index in context["optgroups"]:
            for o in options:
                attrs = dict(o["attrs"], **{"class": "form-check-input"})
                parts.append(format_html(
                    "<div class=\"form-check form-check-inline\"><input type=\"checkbox\" name=\"{}\" "
                    "value=\"{}\"{}><label class=\"form-check-label\" for=\"{}\">{}</label></div>",
                    name, o["value"], flatatt(attrs), attrs.get("id", ""), o["label"]))
        return mark_safe("".join(parts))


class FieldRow(BoundField):
    """`{{ form.field.row }}`: label, control, help and errors in one block, drawn in Python (a draft
    page has hundreds of fields). Django's aria-describedby points at the help and the errors."""

    def _errors(self):
        if not self.errors:
            return ""
        return format_html("<div class=\"invalid-feedback d-block\" id=\"{}_error\">{}</div>", self.auto_id,
                           format_html_join("", "<div>{}</div>", ((e,) for e in self.errors)))

    def _block(self, css):
        widget = self.field.widget
        if isinstance(widget, forms.CheckboxInput):
            return format_html("<div class=\"form-check {}\">{} <label class=\"form-check-label\" for=\"{}\">{}</label>{}</div>",
                               css, self.as_widget(), self.id_for_label, self.label, self._errors())
        if isinstance(widget, forms.CheckboxSelectMultiple):
            described = format_html(" aria-describedby=\"{}_error\"", self.auto_id) if self.errors else ""
            control = self.as_widget() if self.field.choices else format_html(
                "<span class=\"text-body-secondary small\">{}</span>", _("(không có)"))
            return format_html("<fieldset class=\"{}\"{}><legend class=\"form-label fs-6 mb-1\">{}</legend>{}{}</fieldset>",
                               css, described, self.label, control, self._errors())
        help_text = format_html("<div class=\"form-text\" id=\"{}_helptext\">{}</div>", self.auto_id,
                                self.help_text) if self.help_text else ""
        return format_html("<div class=\"{}\"><label class=\"form-label\" for=\"{}\">{}</label>{}{}{}</div>",
                           css, self.id_for_label, self.label, self.as_widget(), help_text, self._errors())

    @property
    def row(self):
        return self._block("mb-2")

    @property
    def tight_row(self):
        return self._block("mb-0")


class RowsMixin:
    bound_field_class = FieldRow


# ---- the draft's blocks ------------------------------------------------------------------------------

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
    lead = forms.MultipleChoiceField(required=False, widget=UnitSelect(attrs={"size": 6}))
    lead_groups = forms.MultipleChoiceField(label=_("Chủ trì theo nhóm"), required=False,
                                            widget=QuickCheckboxes)
    coordinating = forms.MultipleChoiceField(required=False, widget=UnitSelect(attrs={"size": 6}))
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
        }


class DocumentForm(RowsMixin, PortalFormMixin, forms.Form):
    doc_type = forms.ChoiceField(required=False, choices=[("", _("— loại —"))] + CitedDocument.DocType.choices)
    number = forms.CharField(max_length=80, required=False)
    issued_on = VietnameseDateField(allow_future=True, required=False)
    issuer = forms.CharField(max_length=200, required=False)
    title = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            f.label = labels.DOCUMENT[name]

    def clean(self):
        data = super().clean()
        if any(data.get(k) for k in ("doc_type", "number", "issued_on", "issuer", "title")):
            if not data.get("number"):
                self.add_error("number", _("Hãy ghi số, ký hiệu của văn bản (hoặc xóa dòng này)."))
            if not data.get("doc_type"):
                self.add_error("doc_type", _("Hãy chọn loại văn bản."))
        return data

    def values(self):
        d = self.cleaned_data
        if not d.get("number"):
            return None
        return {"doc_type": d["doc_type"], "number": d["number"], "issuer": d["issuer"], "title": d["title"],
                "issued_on": d["issued_on"].isoformat() if d["issued_on"] else None}


class RecipientForm(RowsMixin, PortalFormMixin, forms.Form):
    recipient = forms.CharField(max_length=200, required=False)
    purpose = forms.ChoiceField(required=False, choices=[("", _("— chọn —"))] + Recipient.Purpose.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            f.label = labels.RECIPIENT[name]

    def clean(self):
        data = super().clean()
        if data.get("recipient") and not data.get("purpose"):
            self.add_error("purpose", _("Hãy chọn b/c, t/h hoặc lưu."))
        if data.get("purpose") and not data.get("recipient"):
            self.add_error("recipient", _("Hãy ghi nơi nhận (hoặc xóa dòng này)."))
        return data

    def values(self):
        d = self.cleaned_data
        return {"recipient": d["recipient"], "purpose": d["purpose"]} if d.get("recipient") else None


DocumentFormSet = forms.formset_factory(DocumentForm, extra=1, can_delete=True)
RecipientFormSet = forms.formset_factory(RecipientForm, extra=1, can_delete=True)


class PublishForm(PortalFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Sau khi tạo, văn bản ở trạng thái"), widget=forms.RadioSelect,
        choices=[(Directive.Status.PUBLISHED, _("Đã ban hành — giao nhiệm vụ cho các đơn vị ngay")),
                 (Directive.Status.DRAFT, _("Dự thảo — chỉ Văn phòng Thành ủy xem, chưa giao cho đơn vị"))],
        error_messages={"required": _("Hãy chọn trạng thái của văn bản sau khi tạo.")},
    )
