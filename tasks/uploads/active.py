"""Active content hidden in files that are otherwise what they claim to be.

A PDF may carry scripts, launch programs, embed other files or Flash; a file may be a
"polyglot", valid as a PDF or an image to one program and an HTML page to a browser; a PNG or
JPEG may carry data after its end or markup in its text. Each finder returns the reason a file
must be refused (a short code, see inspection.ACTIVE_MESSAGES), or None.

Files are read in blocks (memory stays flat whatever their size). PDF compressed streams
(FlateDecode, which also holds object streams) are inflated on the way, within limits, so a
name hidden in one is found; names written with #xx escapes (/J#61vaScript) are decoded.
"""

import re
import zlib

BLOCK = 256 * 1024
OUTPUT_STEP = 256 * 1024  # inflated per call, so memory stays flat whatever the ratio
OVERLAP = 64
STREAM_OUTPUT_LIMIT = 16 * 1024 * 1024  # inflated bytes looked at per stream
FILE_OUTPUT_LIMIT = 64 * 1024 * 1024  # and per file

# PDF names that make a reader run or open something.
PDF_NAMES = {
    b"/javascript": "pdf_javascript", b"/js": "pdf_javascript",
    b"/launch": "pdf_launch",
    b"/embeddedfile": "pdf_embedded", b"/embeddedfiles": "pdf_embedded",
    b"/richmedia": "pdf_richmedia",
}
_NAME = re.compile(rb"/[A-Za-z0-9#]{2,20}(?=[\s/<>\[\]()%{}]|$)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Markup a browser would render. In an image's text, any tag of a page; in a PDF's raw bytes,
# only tags of five characters or more, which compressed data does not spell by chance.
MARKUP = re.compile(rb"<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|a\s)",
                    re.IGNORECASE)
MARKUP_BINARY = re.compile(rb"<(?:!doctype\s+html|html[\s>]|head>|body[\s>]|script|iframe|object|embed)",
                           re.IGNORECASE)
_STREAM = re.compile(rb"(?<!end)stream\r?\n")


def _names(data):
    for match in _NAME.finditer(data):
        name = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(0)).lower()
        if name in PDF_NAMES:
            return PDF_NAMES[name]
    return None


def _blocks(upload):
    upload.seek(0)
    previous = b""
    while True:
        block = upload.read(BLOCK)
        if not block:
            return
        yield block, previous
        previous = block[-OVERLAP:]


class _Inflater:
    """Inflate one stream as its bytes arrive and look for PDF names in the output."""

    def __init__(self):
        self.inflater = zlib.decompressobj()
        self.produced = 0
        self.tail = b""

    def feed(self, data, budget):
        """(reason or None, what follows the stream: bytes, None while it goes on, False when
        the stream is not inflated further: not Flate data, or past the limits)."""
        while True:
            limit = min(STREAM_OUTPUT_LIMIT - self.produced, budget, OUTPUT_STEP)
            if limit <= 0:
                return None, False
            try:
                output = self.inflater.decompress(data, limit)
            except zlib.error:
                return None, False
            self.produced += len(output)
            budget -= len(output)
            found = _names(self.tail + output)
            self.tail = output[-OVERLAP:]
            if found:
                return found, b""
            if self.inflater.eof:
                return None, self.inflater.unused_data
            data = self.inflater.unconsumed_tail
            if not data:
                return None, None


def pdf_problem(upload):
    """Names outside streams and inside Flate streams; markup anywhere in the raw bytes. Streams
    that are not Flate (images, mostly) are skipped up to their `endstream`: binary data would
    otherwise match a short name like /JS by chance."""
    state, carry, inflater, inflated = "outside", b"", None, 0
    for block, previous in _blocks(upload):
        if MARKUP_BINARY.search(previous + block):
            return "polyglot_html"
        data = block
        while data:
            if state == "outside":
                window, carry = carry + data, b""
                match = _STREAM.search(window)
                found = _names(window if match is None else window[:match.start()])
                if found:
                    return found
                if match is None:
                    carry = window[-OVERLAP:]
                    break
                state, inflater, data = "inflate", _Inflater(), window[match.end():]
            elif state == "inflate":
                before = inflater.produced
                found, rest = inflater.feed(data, FILE_OUTPUT_LIMIT - inflated)
                inflated += inflater.produced - before
                if found:
                    return found
                if rest is None:
                    break
                state, data = ("outside", rest) if rest is not False else ("skip", data)
            else:  # skip to the end of a stream not inflated
                window, carry = carry + data, b""
                at = window.find(b"endstream")
                if at < 0:
                    carry = window[-16:]
                    break
                state, data = "outside", window[at:]
    return None


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_TEXT = {b"tEXt", b"zTXt", b"iTXt"}
TEXT_LIMIT = 1024 * 1024


def _png_text(kind, raw):
    """The text of a tEXt, zTXt or iTXt chunk, inflated when it is compressed."""
    keyword, _sep, rest = raw.partition(b"\x00")
    compressed = b""
    if kind == b"zTXt":
        compressed = rest[1:]
    elif kind == b"iTXt" and rest[:1] == b"\x01":
        compressed = rest[2:].split(b"\x00", 2)[-1]
    if compressed:
        try:
            rest += zlib.decompressobj().decompress(compressed, TEXT_LIMIT)
        except zlib.error:
            pass
    return keyword + b" " + rest


def png_problem(upload):
    upload.seek(0)
    if upload.read(8) != PNG_SIGNATURE:
        return None  # Pillow has already said it is a PNG; nothing to walk
    while True:
        header = upload.read(8)
        if len(header) < 8:
            return None  # truncated: Pillow decides whether it is readable
        length, kind = int.from_bytes(header[:4], "big"), header[4:]
        skip = length + 4  # the data and the CRC
        if kind in PNG_TEXT:
            raw = upload.read(min(length, TEXT_LIMIT))
            skip -= len(raw)
            if MARKUP.search(_png_text(kind, raw)):
                return "image_markup"
        upload.seek(skip, 1)
        if kind == b"IEND":
            return "image_trailing" if upload.read(1) else None


def jpeg_problem(upload):
    upload.seek(0)
    if upload.read(2) != b"\xff\xd8":
        return None
    while True:
        marker = upload.read(2)
        while marker[:1] == b"\xff" and marker[1:] == b"\xff":  # fill bytes
            marker = b"\xff" + upload.read(1)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None  # not where a marker should be: Pillow decides
        code = marker[1]
        if code == 0xD9:  # EOI
            rest = upload.read(BLOCK)
            return "image_trailing" if rest.strip(b"\x00") else None
        if 0xD0 <= code <= 0xD7 or code == 0x01:
            continue
        length = int.from_bytes(upload.read(2), "big")
        if length < 2:
            return None
        if code == 0xFE or 0xE0 <= code <= 0xEF:  # comment, application data (EXIF, XMP…)
            if MARKUP.search(upload.read(min(length - 2, TEXT_LIMIT))):
                return "image_markup"
            upload.seek(max(0, length - 2 - TEXT_LIMIT), 1)
        else:
            upload.seek(length - 2, 1)
        if code == 0xDA and not _skip_scan(upload):  # start of scan: entropy-coded data follows
            return None


SCAN_BYTES = {0x00, 0xFF, *range(0xD0, 0xD8)}  # after 0xFF inside entropy-coded data


def _skip_scan(upload):
    """Move to the marker that ends the entropy-coded data; False at the end of the file."""
    while True:
        position = upload.tell()
        block = upload.read(BLOCK)
        if len(block) < 2:
            return False
        index = block.find(b"\xff")
        while 0 <= index < len(block) - 1:
            if block[index + 1] not in SCAN_BYTES:
                upload.seek(position + index)
                return True
            index = block.find(b"\xff", index + 1)
        if index == len(block) - 1:
            upload.seek(position + index)  # a 0xFF ends the block: read again from it
