"""WeasyPrint reads only the project's static files, and user-typed header values are printed
as text, never followed."""

import pytest
from weasyprint.urls import URLFetchingError, fetch

from reports.pdf.fetcher import RefusedURL, StaticFilesFetcher
from reports.pdf.header import Header
from reports.pdf.render import html_to_pdf, render_html
from tests.reports.pdf_support import pdf_text

FONTS = {f"static:fonts/LiberationSerif-{s}.ttf" for s in ("Regular", "Bold", "Italic", "BoldItalic")}


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:8000/static/css/portal.css",
    "https://example.com/x.png",
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
    "static:../../../etc/passwd",
    "static:fonts/../../manage.py",
    "static:%2e%2e/manage.py",
    "static://evil.example/fonts/LiberationSerif-Regular.ttf",
    "static:fonts/does-not-exist.ttf",
    "static:",
])
def test_the_fetcher_refuses_anything_but_a_project_static_file(url):
    fetcher = StaticFilesFetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    with pytest.raises(URLFetchingError):  # WeasyPrint turns it into a warning, not a crash
        with fetch(fetcher, url):
            pass


def test_the_fetcher_serves_a_font_from_the_static_folder():
    response = StaticFilesFetcher().fetch("static:fonts/LiberationSerif-Regular.ttf")
    assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType file
    assert response.content_type == "font/ttf"


def test_a_symlink_out_of_the_static_folder_is_refused(tmp_path, settings):
    static = tmp_path / "static"
    static.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (static / "link.txt").symlink_to(secret)
    (static / "ok.txt").write_text("ok")
    settings.STATICFILES_DIRS = [static]
    fetcher = StaticFilesFetcher()
    assert fetcher.fetch("static:ok.txt").read() == b"ok"
    with pytest.raises(RefusedURL):
        fetcher.fetch("static:link.txt")


def test_markup_that_reaches_the_renderer_unescaped_is_still_not_fetched():
    html = ("<html><body><p>x</p><img src='file:///etc/passwd'>"
            "<img src='http://127.0.0.1:9/x.png'><link rel=stylesheet href='https://example.com/a.css'>"
            "<p style=\"background: url('data:image/png;base64,iVBORw0KGgo=')\">y</p></body></html>")
    rendered = html_to_pdf(html)
    assert rendered.fetched == []
    assert set(rendered.refused) == {
        "file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.com/a.css",
        "data:image/png;base64,iVBORw0KGgo=",
    }


def squash(text):
    return "".join(text.split())


HOSTILE = {
    "parent_organ": "<script>alert(1)</script>",
    "issuing_organ": "<img src=file:///etc/passwd>",
    "number": "15-BC/<b>ĐUQS</b>",
    "place": "Từ Sơn\"><link rel=stylesheet href=http://example.com/x.css>",
    "title": "<img src='https://example.com/pixel.png'> & <style>body{display:none}</style>",
    "signer_name": "<iframe src=file:///etc/shadow></iframe>",
}


def test_values_typed_in_the_header_appear_literally_and_nothing_is_fetched():
    header = Header(report_date="2022-06-30", document_type="BÁO CÁO",
                    signer_authority="T/M ĐẢNG ỦY", signer_position="BÍ THƯ",
                    recipients=["<script>x()</script>", "Lưu: VT"], **HOSTILE)
    rendered = html_to_pdf(render_html("reports/pdf/base.html", {"header": header}))
    # Long values wrap at "/", which the extraction reads as a space: compare without spaces.
    text = "".join(pdf_text(rendered.content).split())
    assert set(rendered.fetched) == FONTS
    assert rendered.refused == []
    # The organ lines are printed in capitals (Party format); the rest as typed.
    assert squash("<SCRIPT>ALERT(1)</SCRIPT>") in text
    assert squash("<IMG SRC=FILE:///ETC/PASSWD>") in text
    assert squash("Số 15-BC/<b>ĐUQS</b>") in text
    assert squash("<img src='https://example.com/pixel.png'> & <style>body{display:none}</style>") in text
    assert squash("<iframe src=file:///etc/shadow></iframe>") in text
    assert squash("- <script>x()</script>,") in text
    assert squash("Từ Sơn\"><link rel=stylesheet href=http://example.com/x.css>, ngày 30 tháng 6 năm 2022") in text
