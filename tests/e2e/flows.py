"""What officials do in the browser, step by step: shared by the journeys and the page walk.

Every step goes through what a person sees: links and buttons by their visible names, form
fields by their labels. On a phone the menu is behind the "Mở trình đơn" button.
"""

import io
import re
from pathlib import Path

from playwright.sync_api import expect

STATIC_FONTS = Path(__file__).resolve().parents[2] / "static" / "fonts"

RESOLUTION_NUMBER = "05-NQ/ĐU"
RESOLUTION_FILE = "Nghị quyết 05-NQ-ĐU phường Đình Bảng.pdf"


def resolution_pdf(number=RESOLUTION_NUMBER):
    """A real PDF, as a ward would scan or export it: the Party header and the title, in
    Vietnamese, rendered by WeasyPrint with the portal's own font."""
    from weasyprint import HTML

    font = (STATIC_FONTS / "LiberationSerif-Regular.ttf").as_uri()
    html = f"""<html><head><style>
      @font-face {{ font-family: "Liberation Serif"; src: url("{font}"); }}
      body {{ font-family: "Liberation Serif"; font-size: 14pt; }}
      h1 {{ text-align: center; font-size: 16pt; }}
    </style></head><body>
      <p>ĐẢNG BỘ THÀNH PHỐ TỪ SƠN<br>ĐẢNG ỦY PHƯỜNG ĐÌNH BẢNG<br>Số {number}</p>
      <p><i>Đình Bảng, ngày 20 tháng 01 năm 2022</i></p>
      <h1>NGHỊ QUYẾT</h1>
      <p>về lãnh đạo thực hiện nhiệm vụ quân sự, quốc phòng địa phương năm 2022,
         thực hiện Chỉ thị số 03-CT/TU ngày 04/01/2022 của Ban Thường vụ Thành ủy.</p>
    </body></html>"""
    return HTML(string=html).write_pdf()


def pdf_text(data):
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def open_menu_item(page, name):
    """Follow a link of the top menu, opening the collapsed menu first on a phone."""
    toggler = page.get_by_role("button", name="Mở trình đơn")
    if toggler.is_visible():
        toggler.click()
        expect(page.locator("#nav-main")).to_be_visible()
    page.locator("#nav-main").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()


def open_assignment(page, task_key):
    """From the workspace (cards on a phone, a table on a wider screen), open a task."""
    link = page.locator("main a[href*='/viec/']:visible", has_text=re.compile(rf"^\s*{re.escape(task_key)}\s"))
    link.first.click()
    expect(page.locator("#assignment-title")).to_contain_text(task_key)


def submit_document(page, *, pdf_path, number=RESOLUTION_NUMBER, issued_on="20/01/2022",
                    signer="Nguyễn Văn Bình", summary="Nghị quyết lãnh đạo công tác quân sự, quốc phòng "
                    "địa phương năm 2022", resubmission=False):
    """On an assignment page: open the submission form, fill it in, upload the PDF, send."""
    page.get_by_role("link", name="Nộp văn bản lần mới" if resubmission else "Nộp văn bản", exact=True).click()
    expect(page.get_by_role("heading", name="Nộp văn bản")).to_be_visible()
    fill_submission(page, pdf_path=pdf_path, number=number, issued_on=issued_on, signer=signer, summary=summary)
    expect(page.locator("#assignment-title")).to_be_visible()


def fill_submission(page, *, pdf_path, number, issued_on, signer, summary):
    """On the submission form: the resolution's particulars and its file, then send."""
    expect(page.get_by_label("Loại văn bản")).to_have_value("resolution")
    page.get_by_label("Số và ký hiệu").fill(number)
    page.get_by_label("Ngày ban hành").fill(issued_on)
    page.get_by_label("Người ký").fill(signer)
    page.get_by_label("Trích yếu, nội dung chính").fill(summary)
    page.get_by_label("Tệp đính kèm").set_input_files(str(pdf_path))
    page.get_by_role("button", name="Nộp văn bản").click()
    page.wait_for_load_state()


def dashboard_counts(page, base_url):
    """The numbers of the compliance dashboard, as the page shows them."""
    page.goto(f"{base_url}/theo-doi/")
    expect(page.get_by_role("heading", name=re.compile("^Theo dõi thực hiện"))).to_be_visible()
    counts = {}
    for cell in page.locator("[data-bucket]").all():
        counts[cell.get_attribute("data-bucket")] = int(cell.inner_text().strip())
    for cell in page.locator("#other-counts [data-count]").all():
        counts[cell.get_attribute("data-count")] = int(cell.inner_text().strip())
    return counts
