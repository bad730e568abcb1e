"""Decide what an uploaded file is from its bytes, and refuse it with a message naming it."""

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import active, kinds
from .kinds import ACCEPTED_LABEL, FileKind
from .zipcheck import ZipProblem, check_archive

HEAD_BYTES = 8192
HASH_CHUNK = 256 * 1024
PDF_TAIL = 8192
MAX_NAME = 200


class FileRefused(ValidationError):
    pass


@dataclass
class InspectedFile:
    upload: object  # the UploadedFile, positioned anywhere
    original_name: str
    kind: FileKind
    size: int
    sha256: str


def clean_original_name(name):
    """The user's file name, safe to show and to put in a header: NFC, no folders, no
    control or direction-changing characters, at most MAX_NAME characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split()).strip(" .")
    if not name:
        return "tep-dinh-kem"
    if len(name) > MAX_NAME:
        suffix = PurePosixPath(name).suffix[:12]
        name = name[: MAX_NAME - len(suffix)] + suffix
    return name


def _extension(name):
    return PurePosixPath(name).suffix.lower().lstrip(".")


def max_upload_bytes():
    return settings.TUSON_MAX_UPLOAD_MB * 1024 * 1024


def _refuse(message, **values):
    raise FileRefused(message % values, code="file_refused")


def _looks_like_markup(head):
    """HTML, SVG or XML sniffed as a browser would: these can carry scripts."""
    text = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n\x0c").lower()
    starts = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<svg",
              b"<?xml", b"<!--", b"<a ", b"<div", b"<table", b"<p", b"<meta", b"<title", b"<img")
    return text.startswith(starts) or b"<script" in text


def _looks_executable(head):
    return head.startswith((b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe",
                            b"\xce\xfa\xed\xfe", b"dex\n"))


def _read_head_and_hash(upload):
    digest = hashlib.sha256()
    head = b""
    upload.seek(0)
    for chunk in upload.chunks(HASH_CHUNK):
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        digest.update(chunk)
    return head, digest.hexdigest()


ACTIVE_MESSAGES = {
    "pdf_javascript": gettext_noop(
        "Tệp “%(name)s” chứa mã JavaScript (mã lệnh tự chạy khi mở tệp) nên không được nhận. Hãy in "
        "hoặc xuất lại tệp thành PDF thông thường (ví dụ: In → Lưu dưới dạng PDF) rồi nộp lại."),
    "pdf_launch": gettext_noop(
        "Tệp “%(name)s” chứa lệnh mở chương trình khác khi đọc tệp nên không được nhận. Hãy xuất lại "
        "tệp thành PDF thông thường rồi nộp lại."),
    "pdf_embedded": gettext_noop(
        "Tệp “%(name)s” có tệp khác đính kèm bên trong nên không được nhận. Hãy nộp riêng từng tệp."),
    "pdf_richmedia": gettext_noop(
        "Tệp “%(name)s” chứa nội dung đa phương tiện chạy được (Flash, video nhúng) nên không được "
        "nhận. Hãy xuất lại tệp thành PDF thông thường rồi nộp lại."),
    "polyglot_html": gettext_noop(
        "Tệp “%(name)s” có mã trang web (HTML) lẫn trong nội dung PDF nên không được nhận. Hãy xuất "
        "lại tệp thành PDF thông thường rồi nộp lại."),
    "image_trailing": gettext_noop(
        "Ảnh “%(name)s” có dữ liệu lạ nằm sau phần kết thúc ảnh nên không được nhận. Hãy mở ảnh và "
        "lưu lại (hoặc chụp lại) rồi nộp lại."),
    "image_markup": gettext_noop(
        "Ảnh “%(name)s” có mã trang web (HTML) trong phần thông tin đi kèm ảnh nên không được nhận. "
        "Hãy mở ảnh và lưu lại thành tệp mới rồi nộp lại."),
}


def _refuse_active(problem, name):
    if problem:
        _refuse(_(ACTIVE_MESSAGES[problem]), name=name)


def _check_pdf(upload, size, name):
    upload.seek(max(0, size - PDF_TAIL))
    if b"%%EOF" not in upload.read(PDF_TAIL):
        _refuse(_("Tệp “%(name)s” không phải tệp PDF hoàn chỉnh (thiếu phần kết thúc tệp); "
                  "có thể tệp bị hỏng hoặc tải lên chưa xong."), name=name)
    _refuse_active(active.pdf_problem(upload), name)


def _check_image(upload, kind, name):
    from PIL import Image

    upload.seek(0)
    try:
        with Image.open(upload) as image:  # reads the header only
            format_ok = (image.format or "").lower() == kind.key
            width, height = image.size
    except Image.DecompressionBombError:
        _refuse(_("Ảnh “%(name)s” có kích thước điểm ảnh quá lớn bất thường nên không được nhận."), name=name)
    except Exception:
        _refuse(_("Ảnh “%(name)s” bị hỏng, không đọc được."), name=name)
    if not format_ok or width <= 0 or height <= 0:
        _refuse(_("Ảnh “%(name)s” bị hỏng, không đọc được."), name=name)
    _refuse_active((active.png_problem if kind == kinds.PNG else active.jpeg_problem)(upload), name)


ZIP_MESSAGES = {
    "broken": gettext_noop(
        "Tệp “%(name)s” bị hỏng hoặc không phải văn bản DOCX, XLSX, ODT hợp lệ."
    ),
    "too_many_entries": gettext_noop(
        "Tệp “%(name)s” là tệp nén bất thường (quá nhiều thành phần bên trong) "
        "nên không được nhận."
    ),
    "too_large": gettext_noop(
        "Tệp “%(name)s” là tệp nén bất thường: khi giải nén lớn hơn %(limit)s "
        "nên không được nhận."
    ),
    "ratio": gettext_noop(
        "Tệp “%(name)s” là tệp nén bất thường (nén %(ratio)s lần, có thể là “bom nén”) "
        "nên không được nhận."
    ),
    "encrypted": gettext_noop(
        "Tệp “%(name)s” được đặt mật khẩu; hãy nộp tệp không đặt mật khẩu."
    ),
    "macro": gettext_noop(
        "Tệp “%(name)s” có chứa macro (mã lệnh); hãy lưu lại thành tệp .docx hoặc .xlsx "
        "thông thường rồi nộp lại."
    ),
    "not_document": gettext_noop(
        "Tệp “%(name)s” là tệp nén, không phải văn bản DOCX, XLSX hoặc ODT."
    ),
}


def _check_zip(upload, size, name):
    try:
        return check_archive(upload, size)
    except ZipProblem as problem:
        if problem.code == "other_kind":
            _refuse_other(name, problem.detail["name"])
        _refuse(
            _(ZIP_MESSAGES[problem.code]), name=name,
            limit=filesizeformat(settings.TUSON_ZIP_MAX_EXPANDED_MB * 1024 * 1024),
            ratio=problem.detail.get("ratio", ""),
        )


def _refuse_other(name, detected_ext):
    if detected_ext in kinds.EXECUTABLES:
        _refuse(_("Tệp “%(name)s” là tệp chương trình chạy được (%(what)s), không phải văn bản; "
                  "hệ thống không nhận tệp này."), name=name, what=kinds.OTHER_NAMES[detected_ext])
    what = kinds.OTHER_NAMES.get(detected_ext, detected_ext.upper())
    _refuse(_("Tệp “%(name)s” có định dạng %(what)s, không thuộc các định dạng được nhận: "
              "%(accepted)s."), name=name, what=what, accepted=ACCEPTED_LABEL)


def _detect(upload, head, size, name):
    """The accepted kind the bytes are, or a refusal saying what they are instead."""
    guess = filetype.guess(head)
    detected = guess.extension if guess else None
    if detected in ("jpg", "png"):
        kind = kinds.JPEG if detected == "jpg" else kinds.PNG
        _check_image(upload, kind, name)
        return kind
    if detected == "pdf" and head.startswith(b"%PDF-"):
        _check_pdf(upload, size, name)
        return kinds.PDF
    if head.startswith(b"PK\x03\x04") or detected in ("docx", "xlsx", "odt", "zip"):
        return _check_zip(upload, size, name)
    if detected:
        _refuse_other(name, detected)
    if _looks_executable(head):
        _refuse(_("Tệp “%(name)s” là tệp chương trình hoặc mã lệnh, không phải văn bản; "
                  "hệ thống không nhận tệp này."), name=name)
    if _looks_like_markup(head):
        _refuse(_("Tệp “%(name)s” thực chất là trang web hoặc mã HTML/XML, không phải %(claimed)s; "
                  "hệ thống không nhận tệp này."), name=name, claimed=_claimed(name))
    _refuse(_("Không nhận ra định dạng của tệp “%(name)s”. Chỉ nhận các tệp %(accepted)s."),
            name=name, accepted=ACCEPTED_LABEL)


def _claimed(name):
    ext = _extension(name)
    for kind in kinds.ACCEPTED.values():
        if ext in kind.extensions:
            return kind.label
    return _("văn bản hoặc ảnh")


def inspect_upload(upload):
    """Check one uploaded file and describe it, or raise FileRefused (a ValidationError)."""
    name = clean_original_name(getattr(upload, "name", ""))
    size = upload.size
    if not size:
        _refuse(_("Tệp “%(name)s” rỗng (0 byte)."), name=name)
    if size > max_upload_bytes():
        _refuse(_("Tệp “%(name)s” có dung lượng %(size)s, vượt quá giới hạn %(limit)s MB cho mỗi tệp."),
                name=name, size=filesizeformat(size), limit=settings.TUSON_MAX_UPLOAD_MB)
    head, sha256 = _read_head_and_hash(upload)
    kind = _detect(upload, head, size, name)
    ext = _extension(name)
    if ext not in kind.extensions:
        if ext:
            _refuse(_("Tệp “%(name)s” có đuôi .%(ext)s nhưng nội dung là %(kind)s. Hãy kiểm tra lại, "
                      "đặt đúng đuôi .%(right)s hoặc chọn đúng tệp."),
                    name=name, ext=ext, kind=kind.label, right=kind.extension)
        name = f"{name}.{kind.extension}"
    upload.seek(0)
    return InspectedFile(upload=upload, original_name=name, kind=kind, size=size, sha256=sha256)
