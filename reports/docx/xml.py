"""Raw WordprocessingML for the appendix tables: a 500-unit table is thousands of cells, and
python-docx's cell-by-cell API costs about a millisecond each; one parsed string per table
costs a few. The markup is what python-docx itself writes (w:tbl, w:tr, w:tc)."""

from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

FONT = "Times New Roman"
BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def run_xml(text, size, bold=False, italic=False):
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    return (f'<w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
            f'{props}<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(str(text))}</w:t></w:r>')


def cell_xml(text, width, size, *, align="left", bold=False, span=1, vmerge=None, lines=None):
    """One w:tc. `lines`: [(text, size, bold, italic)] paragraphs instead of `text`."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    paragraphs = lines if lines is not None else [(text, size, bold, False)]
    body = "".join(
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="{align}"/></w:pPr>'
        f'{run_xml(t, s, b, i) if t != "" else ""}</w:p>'
        for t, s, b, i in paragraphs
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def row_xml(cells, header=False):
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def table_element(widths, rows):
    """A bordered table of fixed column `widths` (twips) and `rows` (row_xml strings)."""
    borders = "".join(BORDER.format(side=side) for side in SIDES)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )
