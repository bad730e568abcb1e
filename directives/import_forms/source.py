"""Step 1: the text pasted or the file uploaded (TXT, DOCX, PDF), refused with a clear message."""

import io
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from directives.importer import ImportTextError, extract_text
from directives.importer.errors import MAX_FILE_BYTES
from tasks.forms.base import PortalFormMixin
from tuson_qp.notes import note_text

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
            self.add_error("file", note_text(error.message_vi))
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
