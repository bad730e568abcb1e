"""Step 2 stays readable: every task's form, and every part's full text, is folded behind a summary
line; what needs the Office's attention (an error, the task just acted on or edited) is shown open."""

from urllib.parse import parse_qs, urlsplit

import lxml.html
from django.urls import reverse

from directives.models import Directive

from .browser import draft_url, post_block, task, task_uid


def tree(response):
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content.decode())


def open_tasks(doc):
    """The ids of the task cards whose form is shown open."""
    return {a.get("id") for a in doc.xpath('//article[starts-with(@id, "nv-")]') if _fold(a).get("open") is not None}


def _fold(element):
    folds = element.xpath('./details[contains(@class, "import-fold")]')
    assert len(folds) == 1, element.get("id")
    return folds[0]


def summary(doc, uid):
    return " ".join(_fold(doc.get_element_by_id(f"nv-{uid}")).find("summary").text_content().split())


def test_every_task_is_folded_behind_a_summary_of_key_title_units_and_deadline(office, draft):
    doc = tree(office.get(draft_url(draft)))
    articles = doc.xpath('//article[starts-with(@id, "nv-")]')
    assert len(articles) == len(draft.all_tasks()) > 30
    assert open_tasks(doc) == set()
    line = summary(doc, task_uid(draft, "3.2"))
    assert line.startswith("Nhiệm vụ 3.2: ")
    assert "Chủ trì: Đảng ủy phường Đình Bảng" in line and "Thời hạn: 31/12/2022 đề xuất" in line
    # The form is inside the fold, the merge box outside it (it must be usable on a folded task).
    card = doc.get_element_by_id(f"nv-{task_uid(draft, '3.2')}")
    assert _fold(card).xpath('.//textarea[contains(@name, "-description")]')
    assert card.xpath('./div[@class="import-task-select"]//input[@type="checkbox"]')
    # The parts' full texts are folded too, each with a first line to recognise it.
    texts = doc.xpath('//details[contains(@class, "import-text")]')
    assert len(texts) == 7 and all(t.get("open") is None for t in texts)
    assert doc.xpath('//button[@data-fold="open"]') and doc.xpath('//button[@data-fold="close"]')


def test_a_long_title_is_cut_in_the_summary_but_kept_whole_in_the_form(office, draft):
    uid = task_uid(draft, "1.1")
    title = "Tăng cường công tác tuyên truyền, giáo dục " * 6
    post_block(office, draft, "part-1", **{f"t{uid}__title": title.strip()})
    doc = tree(office.get(draft_url(draft)))
    line = summary(doc, uid)
    assert len(line.split(" Chủ trì:")[0]) < 140 and "…" in line
    assert doc.get_element_by_id(f"id_t{uid}-title").get("value") == title.strip()


def test_parser_notes_and_a_missing_lead_are_flagged_on_the_folded_line(office, draft):
    doc = tree(office.get(draft_url(draft)))
    flagged = summary(doc, task_uid(draft, "1.1"))  # the parser proposed its lead from the topic
    assert "cần kiểm tra" in flagged
    assert "cần kiểm tra" not in summary(doc, task_uid(draft, "3.4"))
    uid = task_uid(draft, "2.3")
    post_block(office, draft, "part-2", **{f"t{uid}__lead": None, f"t{uid}__lead_groups": None})
    doc = tree(office.get(draft_url(draft)))
    assert "Chủ trì: chưa có" in summary(doc, uid)
    assert "Chủ trì: chưa có" not in summary(doc, task_uid(draft, "2.2"))


def test_a_task_with_an_error_is_rendered_open_and_the_others_closed(office, draft):
    bad, other = task_uid(draft, "3.2"), task_uid(draft, "3.3")
    response = post_block(office, draft, "part-3", **{f"t{bad}__deadline": "31/13/2022",
                                                      f"t{other}__target_unit": ""})
    doc = tree(response)
    assert open_tasks(doc) == {f"nv-{bad}"}
    assert "có lỗi cần sửa" in summary(doc, bad) and "có lỗi cần sửa" not in summary(doc, other)
    assert doc.get_element_by_id(f"id_t{bad}-deadline").get("value") == "31/13/2022"
    # The page is brought to the task in error, not left at the top of its part.
    assert doc.get_element_by_id("import-draft").get("data-scroll-to") == f"nv-{bad}"


def test_a_task_typed_into_but_not_saved_stays_open_with_what_was_typed(office, draft):
    bad, typed = task_uid(draft, "3.2"), task_uid(draft, "3.3")
    response = post_block(office, draft, "part-3", **{f"t{bad}__deadline": "31/13/2022",
                                                      f"t{typed}__title": "Tên mới chưa lưu"})
    doc = tree(response)
    assert open_tasks(doc) == {f"nv-{bad}", f"nv-{typed}"}
    assert doc.get_element_by_id(f"id_t{typed}-title").get("value") == "Tên mới chưa lưu"


def test_a_publish_refusal_opens_the_task_it_concerns(office, draft, directive):
    Directive.objects.filter(pk=directive.pk).update(key="yaml-03")
    uid = task_uid(draft, "2.3")
    post_block(office, draft, "part-2", **{f"t{uid}__lead": None, f"t{uid}__lead_groups": None})
    office.post(reverse("directives:import_publish", args=[draft.pk]), {"status": "published"})
    doc = tree(office.get(draft_url(draft)))
    assert open_tasks(doc) == {f"nv-{uid}"}
    assert doc.xpath(f'//section[@id="loi-ban-hanh"]//a[@href="#nv-{uid}"]')


def opened_after(response):
    """The redirect after a save: the anchor it goes to and the folds it asks to open."""
    assert response.status_code == 302, response.status_code
    url = urlsplit(response.url)
    return url.fragment, set(parse_qs(url.query).get("mo", [""])[0].split(","))


def test_the_task_just_edited_is_open_after_the_save(office, draft):
    edited, untouched = task_uid(draft, "2.3"), task_uid(draft, "2.4")
    response = post_block(office, draft, "part-2", **{f"t{edited}__deadline": "30/06/2022"})
    anchor, opened = opened_after(response)
    assert anchor == f"nv-{edited}" and opened == {f"nv-{edited}"}
    doc = tree(office.get(response.url))
    assert open_tasks(doc) == {f"nv-{edited}"}
    assert "vừa cập nhật" in summary(doc, edited) and "vừa cập nhật" not in summary(doc, untouched)
    assert f"nv-{untouched}" not in open_tasks(doc)


def test_saving_a_part_unchanged_opens_nothing(office, draft):
    anchor, opened = opened_after(post_block(office, draft, "part-3"))
    assert anchor == "phan-3" and opened == {""}


def test_the_new_task_of_a_split_is_open_and_the_page_goes_to_it(office, draft):
    uid = task_uid(draft, "2.3")
    anchor, opened = opened_after(post_block(office, draft, "part-2", op=f"split:{uid}"))
    copy = task(draft, "2.4")
    assert anchor == f"nv-{copy['uid']}" and f"nv-{copy['uid']}" in opened


def test_the_merged_task_is_open_after_merging(office, draft):
    first, second = task_uid(draft, "2.1"), task_uid(draft, "2.2")
    response = post_block(office, draft, "part-2", op="merge", **{f"t{first}__selected": "on",
                                                                  f"t{second}__selected": "on"})
    anchor, opened = opened_after(response)
    assert anchor == f"nv-{first}" and f"nv-{first}" in opened
    assert f"nv-{first}" in open_tasks(tree(office.get(response.url)))


def test_an_added_task_is_open(office, draft):
    response = post_block(office, draft, "part-4", op="add")
    draft.refresh_from_db()
    added = max(draft.all_tasks(), key=lambda t: t["uid"])
    anchor, _opened = opened_after(response)
    assert anchor == f"nv-{added['uid']}"
    assert open_tasks(tree(office.get(response.url))) == {f"nv-{added['uid']}"}


def test_a_deleted_task_is_not_asked_to_open(office, draft):
    uid = task_uid(draft, "6.2")
    _anchor, opened = opened_after(post_block(office, draft, "part-6", op=f"delete:{uid}"))
    assert f"nv-{uid}" not in opened


def test_an_edited_part_text_is_open_after_the_save(office, draft):
    draft.refresh_from_db()
    text = next(s for s in draft.data["sections"] if s["number"] == 5)["text"]
    response = post_block(office, draft, "part-5", p5__text=text + "\nCâu bổ sung.")
    anchor, opened = opened_after(response)
    assert anchor == "phan-5-noi-dung" and opened == {"phan-5-noi-dung"}
    doc = tree(office.get(response.url))
    assert doc.get_element_by_id("phan-5-noi-dung").get("open") is not None
    assert doc.get_element_by_id("phan-4-noi-dung").get("open") is None


def test_only_fold_ids_are_taken_from_the_address(office, draft):
    uid = task_uid(draft, "1.2")
    url = draft_url(draft) + f"?mo=nv-{uid},<script>,phan-1-noi-dung,dau-van-ban"
    doc = tree(office.get(url))
    assert open_tasks(doc) == {f"nv-{uid}"}
    assert doc.get_element_by_id("phan-1-noi-dung").get("open") is not None
