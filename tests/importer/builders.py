"""Files built by the tests from the seed text: DOCX (python-docx), PDF (weasyprint), PNG."""

import html
import io
import struct
import zlib

from .helpers import SEED

HEADER_LEFT = ["ĐẢNG BỘ TỈNH BẮC NINH", "THÀNH ỦY TỪ SƠN", "*", "Số 03 - CT/TU"]
HEADER_RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "Từ Sơn, ngày 04 tháng 01 năm 2022"]


def seed_paragraphs(text=SEED):
    lines = [line.replace("**", "").replace("*", "") for line in text.split("\n")]
    return [line for line in lines if line.strip()]


def body_paragraphs():
    """The seed without its header lines and without its signature block."""
    paras = seed_paragraphs()
    start = paras.index("CHỈ THỊ")
    end = paras.index("Nơi nhận:")
    return paras[start:end]


def build_docx(with_tables=True):
    import docx

    document = docx.Document()
    if with_tables:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "\n".join(HEADER_LEFT)
        table.cell(0, 1).text = "\n".join(HEADER_RIGHT)
        for para in body_paragraphs():
            document.add_paragraph(para)
        tail = document.add_table(rows=1, cols=2)
        recipients = [p for p in seed_paragraphs() if p.strip().startswith("-")]
        left = tail.cell(0, 0)
        left.text = "Nơi nhận:"
        for r in recipients:
            left.add_paragraph(r.strip())
        right = tail.cell(0, 1)
        right.text = "T/M BAN THƯỜNG VỤ"
        for line in ("BÍ THƯ", "", "Lê Xuân Lợi"):
            right.add_paragraph(line)
    else:
        for para in seed_paragraphs():
            document.add_paragraph(para)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _html(inner):
    return ("<html><head><meta charset='utf-8'><style>@page{size:A4;margin:20mm 15mm 20mm 30mm}"
            "body{font-family:'DejaVu Serif',serif;font-size:13pt} p{margin:0 0 4pt 0}"
            "td{vertical-align:top;text-align:center;width:50%}</style></head><body>"
            + inner + "</body></html>")


def build_pdf(with_tables=False):
    import weasyprint

    if with_tables:
        left = "<br>".join(html.escape(x) for x in HEADER_LEFT)
        right = "<br>".join(html.escape(x) for x in HEADER_RIGHT)
        inner = f"<table><tr><td>{left}</td><td>{right}</td></tr></table>"
        inner += "".join(f"<p>{html.escape(p)}</p>" for p in body_paragraphs())
        recipients = "<br>".join(html.escape(p.strip()) for p in seed_paragraphs() if p.strip().startswith("-"))
        inner += (f"<table><tr><td style='text-align:left'>Nơi nhận:<br>{recipients}</td>"
                  "<td>T/M BAN THƯỜNG VỤ<br>BÍ THƯ<br><br><br>Lê Xuân Lợi</td></tr></table>")
    else:
        inner = "".join(f"<p>{html.escape(p)}</p>" for p in seed_paragraphs())
    return weasyprint.HTML(string=_html(inner)).write_pdf()


def tiny_png(width=40, height=20):
    raw = b"".join(b"\x00" + bytes([(x * 7 + y * 3) % 256 for x in range(width * 3)]) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def build_image_pdf():
    """A 'scanned' PDF: one picture, no text layer."""
    import base64

    import weasyprint

    src = "data:image/png;base64," + base64.b64encode(tiny_png()).decode()
    return weasyprint.HTML(string=_html(f"<img src='{src}' style='width:180mm'>")).write_pdf()


def handwritten_pdf():
    """A minimal hand-written PDF whose only page draws a rectangle: no text at all."""
    content = b"0.5 g 72 72 300 400 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def encrypt_pdf(data, user_password="secret", owner_password="owner"):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
