"""Office documents (DOCX, XLSX, ODT) are ZIP archives: check them before anyone opens them.

An archive bomb is refused on the numbers in its end record and central directory (entry
count, declared expanded size, compression ratio) and then by actually inflating every
entry against the same budget, so an archive that lies about its sizes fails too.
"""

import struct
import zipfile

from django.conf import settings

from . import kinds

EOCD = b"PK\x05\x06"
EOCD_SIZE = 22
MAX_COMMENT = 65535
CHUNK = 64 * 1024
# Below this an entry's compression ratio does not matter: it cannot expand to much.
RATIO_FLOOR = 1024 * 1024
ODF_TEXT = b"application/vnd.oasis.opendocument.text"
OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": kinds.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": kinds.XLSX,
}


class ZipProblem(Exception):
    """`code` says what is wrong; `detail` gives numbers for the message."""

    def __init__(self, code, **detail):
        super().__init__(code)
        self.code = code
        self.detail = detail


def _limits():
    return (
        settings.TUSON_ZIP_MAX_ENTRIES,
        settings.TUSON_ZIP_MAX_EXPANDED_MB * 1024 * 1024,
        settings.TUSON_ZIP_MAX_RATIO,
    )


def _end_record(fileobj, size):
    """Entry count and central directory size from the end record, before ZipFile reads anything."""
    tail_len = min(size, EOCD_SIZE + MAX_COMMENT)
    fileobj.seek(size - tail_len)
    tail = fileobj.read(tail_len)
    at = tail.rfind(EOCD)
    if at < 0 or len(tail) - at < EOCD_SIZE:
        raise ZipProblem("broken")
    (_sig, _disk, _cd_disk, _disk_entries, entries, cd_size, _cd_offset, _comment) = struct.unpack(
        "<4s4H2LH", tail[at:at + EOCD_SIZE]
    )
    # ZIP64 markers: no office document within our limits needs them.
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF:
        raise ZipProblem("too_many_entries", entries=None)
    return entries, cd_size


def check_archive(fileobj, size):
    """Refuse archive bombs and broken archives; return the document kind the archive holds.

    Raises ZipProblem with code: broken, too_many_entries, too_large, ratio, encrypted,
    macro, other_kind (detail: name), not_document.
    """
    max_entries, max_expanded, max_ratio = _limits()
    entries, cd_size = _end_record(fileobj, size)
    # The central directory is what ZipFile parses into objects: bound it before it does.
    if entries > max_entries or cd_size > max_entries * 1024:
        raise ZipProblem("too_many_entries", entries=entries)
    fileobj.seek(0)
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise ZipProblem("broken") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > max_entries:
            raise ZipProblem("too_many_entries", entries=len(infos))
        if not infos:
            raise ZipProblem("not_document")
        _check_declared_sizes(infos, max_expanded, max_ratio)
        if any(info.flag_bits & 0x1 for info in infos):
            raise ZipProblem("encrypted")
        _inflate_within_budget(archive, infos, max_expanded)
        return _document_kind(archive, infos)


def _check_declared_sizes(infos, max_expanded, max_ratio):
    expanded = sum(info.file_size for info in infos)
    compressed = sum(info.compress_size for info in infos)
    if expanded > max_expanded:
        raise ZipProblem("too_large", expanded=expanded)
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
            raise ZipProblem("ratio", ratio=info.file_size // max(info.compress_size, 1))
    if expanded > RATIO_FLOOR and expanded > max_ratio * max(compressed, 1):
        raise ZipProblem("ratio", ratio=expanded // max(compressed, 1))


def _inflate_within_budget(archive, infos, max_expanded):
    """Inflate every entry, counting bytes: zipfile stops at the declared size and checks the
    CRC, so an entry that lies about its size ends as a broken archive, not a full disk."""
    budget = max_expanded
    try:
        for info in infos:
            if info.is_dir():
                continue
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    budget -= len(chunk)
                    if budget < 0:
                        raise ZipProblem("too_large", expanded=max_expanded - budget)
    except ZipProblem:
        raise
    except Exception:  # BadZipFile (CRC), zlib.error, unsupported compression: damaged
        raise ZipProblem("broken") from None


def _small_member(archive, name, limit=1024 * 1024):
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise ZipProblem("broken")
    return archive.read(info)


def _document_kind(archive, infos):
    names = {info.filename for info in infos}
    if infos[0].filename == "mimetype":
        mimetype = _small_member(archive, "mimetype").strip()
        if mimetype == ODF_TEXT and "content.xml" in names:
            return kinds.ODT
        if mimetype.startswith(b"application/vnd.oasis.opendocument."):
            short = mimetype.rsplit(b".", 1)[-1].decode("ascii", "replace")
            raise ZipProblem("other_kind", name={"spreadsheet": "ods", "presentation": "odp"}.get(short, "zip"))
        raise ZipProblem("not_document")
    if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
        raise ZipProblem("not_document")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ZipProblem("macro")
    content_types = _small_member(archive, "[Content_Types].xml").decode("utf-8", "replace")
    if "macroEnabled" in content_types:
        raise ZipProblem("macro")
    for main, kind in OOXML_MAIN.items():
        if main in content_types:
            return kind
    if "presentationml" in content_types:
        raise ZipProblem("other_kind", name="pptx")
    raise ZipProblem("not_document")
