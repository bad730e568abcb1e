"""The file types a unit may upload, and how other types are named in refusals."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    mime: str
    extensions: tuple

    @property
    def extension(self):
        return self.extensions[0]


PDF = FileKind("pdf", "PDF", "application/pdf", ("pdf",))
DOCX = FileKind(
    "docx", "Word (DOCX)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",),
)
XLSX = FileKind(
    "xlsx", "Excel (XLSX)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",),
)
ODT = FileKind("odt", "OpenDocument (ODT)", "application/vnd.oasis.opendocument.text", ("odt",))
JPEG = FileKind("jpeg", "ảnh JPEG", "image/jpeg", ("jpg", "jpeg", "jpe"))
PNG = FileKind("png", "ảnh PNG", "image/png", ("png",))

ACCEPTED = {k.key: k for k in (PDF, DOCX, XLSX, ODT, JPEG, PNG)}
ACCEPTED_LABEL = "PDF, DOCX, XLSX, ODT, JPEG, PNG"
ACCEPT_ATTRIBUTE = ",".join(
    [f".{ext}" for k in ACCEPTED.values() for ext in k.extensions] + [k.mime for k in ACCEPTED.values()]
)

# Names for what `filetype` recognises but we refuse, keyed by its extension.
OTHER_NAMES = {
    "exe": _("tệp chương trình Windows"),
    "elf": _("tệp chương trình Linux"),
    "macho": _("tệp chương trình macOS"),
    "dex": _("tệp chương trình Android"),
    "doc": _("Word 97-2003 (.doc)"),
    "xls": _("Excel 97-2003 (.xls)"),
    "ppt": _("PowerPoint 97-2003 (.ppt)"),
    "pptx": _("PowerPoint (PPTX)"),
    "ods": _("bảng tính OpenDocument (ODS)"),
    "odp": _("trình chiếu OpenDocument (ODP)"),
    "zip": _("tệp nén ZIP"),
    "rar": _("tệp nén RAR"),
    "7z": _("tệp nén 7z"),
    "gz": _("tệp nén GZIP"),
    "tar": _("tệp nén TAR"),
    "gif": _("ảnh GIF"),
    "webp": _("ảnh WebP"),
    "tif": _("ảnh TIFF"),
    "bmp": _("ảnh BMP"),
    "heic": _("ảnh HEIC"),
    "mp4": _("video MP4"),
    "mp3": _("âm thanh MP3"),
    "rtf": _("văn bản RTF"),
    "swf": _("tệp Flash"),
    "epub": _("sách điện tử EPUB"),
}
EXECUTABLES = {"exe", "elf", "macho", "dex", "swf"}
