"""The vendored Liberation Serif renders every Vietnamese letter: embedded, nothing missing,
no other font used, and the text reads back exactly."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from fontTools.ttLib import TTFont

from reports.pdf.render import html_to_pdf, page_context
from tests.reports.pdf_support import pdf_fonts, pdf_text, vietnamese_letters

FONT_FILES = ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
              "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"]
STYLES = [("normal", "normal"), ("bold", "normal"), ("normal", "italic"), ("bold", "italic")]

PAGE = Template(
    "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
    "<style>{% include 'reports/pdf/styles.css' %}</style></head><body>"
    "{% for weight, style in styles %}<p class='plain' style='font-weight: {{ weight }}; "
    "font-style: {{ style }}'>{{ letters }}</p>{% endfor %}</body></html>"
)


def static_fonts():
    return Path(settings.STATICFILES_DIRS[0]) / "fonts"


def test_the_four_liberation_serif_files_and_their_licence_are_in_the_repository():
    for name in FONT_FILES:
        assert (static_fonts() / name).stat().st_size > 100_000, name
    assert "SIL Open Font License" in (static_fonts() / "LICENSE-OFL.txt").read_text()


def test_the_letter_set_has_every_vowel_with_every_tone_in_both_cases():
    letters = vietnamese_letters()
    assert len(letters) == len(set(letters)) == 2 * (12 * 6 + 17)
    for expected in ["ặ", "Ặ", "ữ", "Ữ", "ỷ", "Ỹ", "ố", "ờ", "đ", "Đ", "ẩ", "ệ"]:
        assert expected in letters


@pytest.mark.parametrize("name", FONT_FILES)
def test_every_vietnamese_letter_has_a_glyph_in_each_font_file(name):
    cmap = TTFont(static_fonts() / name).getBestCmap()
    missing = [c for c in "".join(vietnamese_letters()) if ord(c) not in cmap]
    assert missing == []


@pytest.fixture(scope="module")
def rendered():
    letters = " ".join(vietnamese_letters())
    html = PAGE.render(Context({**page_context(), "letters": letters, "styles": STYLES}))
    return html_to_pdf(html)


def test_every_letter_reads_back_from_the_pdf_in_all_four_styles(rendered):
    words = pdf_text(rendered.content).split()
    letters = vietnamese_letters()
    assert words == letters * len(STYLES)


def test_only_the_embedded_liberation_serif_is_in_the_pdf(rendered):
    fonts = pdf_fonts(rendered.content)
    assert len(fonts) == 4  # regular, bold, italic, bold italic
    for name, files in fonts.items():
        assert "LiberationSerif" in name, name
        assert files == {"/FontFile2"}, name  # embedded TrueType


# Not about glyphs: WeasyPrint subsets with fontTools when the system lacks
# libharfbuzz-subset0 (slower, same output).
SUBSETTER_NOTICE = "instead of HarfBuzz-Subset"


def test_weasyprint_warned_of_no_missing_glyph_or_fallback_and_read_only_the_font_files(rendered):
    assert [w for w in rendered.warnings if SUBSETTER_NOTICE not in w] == []
    assert rendered.refused == []
    assert sorted(rendered.fetched) == sorted(f"static:fonts/{n}" for n in FONT_FILES)
