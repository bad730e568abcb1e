"""Step 2: the Office corrects the proposal — fields, and merging, splitting, deleting, adding, moving tasks."""

import re

from directives.models import ImportDraft

from .browser import block_form, draft_url, post_block, task, task_uid, values


def keys_of(draft, part):
    draft.refresh_from_db()
    if part == "C":
        return [t["key"] for t in draft.data["closing_tasks"]]
    return [t["key"] for t in next(s for s in draft.data["sections"] if str(s["number"]) == part)["tasks"]]


def titles_of(draft, part):
    draft.refresh_from_db()
    section = next(s for s in draft.data["sections"] if str(s["number"]) == part)
    return [t["title"] for t in section["tasks"]]


def test_header_fields_are_saved_and_dates_read_as_dd_mm_yyyy(office, draft):
    response = post_block(office, draft, "header", h__summary="Về công tác quốc phòng năm 2023",
                          h__issued_on="05/01/2023", h__number="05")
    assert response.status_code == 302 and response.url.endswith("#dau-van-ban")
    draft.refresh_from_db()
    header = draft.data["directive"]
    assert header["summary"] == "Về công tác quốc phòng năm 2023"
    assert header["issued_on"] == "2023-01-05" and header["number"] == "05"
    page = office.get(draft_url(draft)).content.decode()
    assert 'value="05/01/2023"' in page
    assert "<code>05-CT-TU-2023</code>" in page  # the key the directive will get


def test_a_bad_date_is_refused_next_to_the_field_and_what_was_typed_is_kept(office, draft):
    response = post_block(office, draft, "header", h__issued_on="31/02/2022", h__summary="Trích yếu mới")
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'id="id_h-issued_on_error">\s*<div>Ngày không hợp lệ', page)
    assert 'value="31/02/2022"' in page and "Trích yếu mới" in page
    revision = draft.revision
    draft.refresh_from_db()
    assert draft.data["directive"]["issued_on"] == "2022-01-04" and draft.revision == revision


def test_task_fields_units_and_group_shortcuts_are_saved(office, draft):
    uid = task_uid(draft, "2.3")
    post_block(office, draft, "part-2", **{
        f"t{uid}__title": "Giữ vững an ninh chính trị trên địa bàn",
        f"t{uid}__deadline": "30/06/2022", f"t{uid}__deadline_proposed": None,
        f"t{uid}__lead": ["ca-tp"], f"t{uid}__coordinating": ["bchqs", "ca-tp"],
        f"t{uid}__coordinating_groups": ["wards"], f"t{uid}__kind": "target",
        f"t{uid}__target_value": "97,5", f"t{uid}__target_unit": "% số vụ việc được giải quyết",
    })
    saved = task(draft, "2.3")
    assert saved["title"] == "Giữ vững an ninh chính trị trên địa bàn"
    assert saved["deadline"] == "2022-06-30" and saved["deadline_proposed"] is False
    assert saved["lead"] == ["ca-tp"]
    # A unit cannot both lead and coordinate; "@wards" stays a group until publishing.
    assert saved["coordinating"] == ["@wards", "bchqs"]
    assert saved["kind"] == "target" and saved["target_value"] == 97.5


def test_an_invalid_task_field_keeps_the_whole_part_as_typed(office, draft):
    uid = task_uid(draft, "4.5")
    response = post_block(office, draft, "part-4", **{f"t{uid}__target_value": "một trăm",
                                                      f"t{uid}__title": "Tên đã sửa"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hãy nhập một số, ví dụ 100 hoặc 97,5." in page
    assert 'value="một trăm"' in page and 'value="Tên đã sửa"' in page
    assert task(draft, "4.5")["title"] != "Tên đã sửa"


def test_deleting_a_task_renumbers_the_others(office, draft):
    before = titles_of(draft, "3")
    uid = task_uid(draft, "3.2")
    response = post_block(office, draft, "part-3", op=f"delete:{uid}")
    assert response.status_code == 302 and response.url.endswith("#phan-3")
    assert titles_of(draft, "3") == before[:1] + before[2:]
    assert keys_of(draft, "3") == ["3.1", "3.2", "3.3"]


def test_adding_a_task_gives_an_empty_one_with_a_proposed_year_end_deadline(office, draft):
    count = len(keys_of(draft, "6"))
    response = post_block(office, draft, "part-6", op="add")
    assert keys_of(draft, "6")[-1] == f"6.{count + 1}"
    new = task(draft, f"6.{count + 1}")
    assert response.url.endswith(f"#nv-{new['uid']}")
    assert new["title"] == "" and new["lead"] == []
    assert new["deadline"] == "2022-12-31" and new["deadline_proposed"] is True


def test_merging_two_tasks_joins_descriptions_and_unites_units(office, draft):
    first, second = task(draft, "2.4"), task(draft, "2.5")
    post_block(office, draft, "part-2", op="merge", **{f"t{first['uid']}__selected": "on",
                                                         f"t{second['uid']}__selected": "on"})
    merged = task(draft, "2.4")
    assert merged["uid"] == first["uid"]
    assert merged["description"] == f"{first['description']} {second['description']}"
    assert set(merged["lead"]) == set(first["lead"]) | set(second["lead"])
    assert set(merged["coordinating"]) == (set(first["coordinating"]) | set(second["coordinating"])) - set(merged["lead"])
    assert second["uid"] not in {t["uid"] for t in draft.all_tasks()}
    assert len(keys_of(draft, "2")) == 4


def test_merging_keeps_the_earliest_deadline(office, draft):
    first, second = task(draft, "C.1"), task(draft, "C.4")
    post_block(office, draft, "part-C", op="merge", **{f"t{first['uid']}__selected": "on",
                                                         f"t{second['uid']}__selected": "on"})
    assert task(draft, "C.1")["deadline"] == "2022-01-19"


def test_merging_needs_two_selected_tasks(office, draft):
    uid = task_uid(draft, "2.4")
    response = post_block(office, draft, "part-2", op="merge", **{f"t{uid}__selected": "on"})
    assert response.status_code == 200
    assert "Hãy chọn ít nhất hai nhiệm vụ" in response.content.decode()
    assert len(keys_of(draft, "2")) == 5


def test_splitting_a_task_at_a_sentence(office, draft):
    uid = task_uid(draft, "3.4")
    original = task(draft, "3.4")
    post_block(office, draft, "part-3", **{f"t{uid}__description": "Phường Tam Sơn diễn tập phòng chống "
                                           "thiên tai. Bảo đảm an toàn tuyệt đối."})
    response = post_block(office, draft, "part-3", op=f"split:{uid}", **{f"t{uid}__split_at": "1"})
    assert response.status_code == 302
    first, second = task(draft, "3.4"), task(draft, "3.5")
    assert first["description"] == "Phường Tam Sơn diễn tập phòng chống thiên tai."
    assert second["description"] == "Bảo đảm an toàn tuyệt đối."
    assert second["title"] == "Bảo đảm an toàn tuyệt đối"
    assert second["lead"] == first["lead"] == original["lead"]
    assert response.url.endswith(f"#nv-{second['uid']}")


def test_splitting_a_one_sentence_task_duplicates_it(office, draft):
    original = task(draft, "2.3")
    post_block(office, draft, "part-2", op=f"split:{original['uid']}")
    copy = task(draft, "2.4")
    assert copy["uid"] != original["uid"]
    assert (copy["title"], copy["description"], copy["lead"]) == (original["title"], original["description"], original["lead"])
    assert len(keys_of(draft, "2")) == 6


def test_moving_a_task_to_another_part(office, draft):
    moved = task(draft, "6.2")
    response = post_block(office, draft, "part-6", op=f"move:{moved['uid']}", **{f"t{moved['uid']}__move_to": "C"})
    assert response.url.endswith(f"#nv-{moved['uid']}")
    assert keys_of(draft, "6") == ["6.1"]
    assert task(draft, "C.5")["uid"] == moved["uid"]


def test_moving_without_choosing_a_part_is_refused(office, draft):
    uid = task_uid(draft, "6.2")
    response = post_block(office, draft, "part-6", op=f"move:{uid}")
    assert "Hãy chọn phần cần chuyển nhiệm vụ đến." in response.content.decode()
    assert keys_of(draft, "6") == ["6.1", "6.2"]


def test_a_form_from_a_stale_page_is_refused_and_its_text_kept(office, draft):
    page = office.get(draft_url(draft))
    stale = values(block_form(page, "header"), h__summary="Sửa từ cửa sổ cũ")
    post_block(office, draft, "header", h__place="Bắc Ninh")  # another window saves first
    stale["op"] = "save"
    response = office.post(draft_url(draft), stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bản nháp đã được sửa ở nơi khác" in html and "Sửa từ cửa sổ cũ" in html
    draft.refresh_from_db()
    assert draft.data["directive"]["place"] == "Bắc Ninh"
    assert draft.data["directive"]["summary"] != "Sửa từ cửa sổ cũ"


def test_cited_documents_are_edited_added_and_removed(office, draft):
    docs = draft.data["documents"]
    removed = next(i for i, d in enumerate(docs) if d["number"] == "202/2013/TT-BQP")
    new = len(docs)
    post_block(office, draft, "documents", **{
        "d__0__title": "về chiến lược bảo vệ Tổ quốc (đã sửa)", f"d__{removed}__DELETE": "on",
        f"d__{new}__doc_type": "chi_thi", f"d__{new}__number": "05-CT/TW", f"d__{new}__issued_on": "15/05/2016",
        f"d__{new}__issuer": "Bộ Chính trị",
    })
    draft.refresh_from_db()
    numbers = [d["number"] for d in draft.data["documents"]]
    assert "202/2013/TT-BQP" not in numbers and numbers[-1] == "05-CT/TW"
    assert draft.data["documents"][0]["title"] == "về chiến lược bảo vệ Tổ quốc (đã sửa)"
    added = draft.data["documents"][-1]
    assert added["issued_on"] == "2016-05-15" and added["key"]
    cited = {k for holder in draft.data["sections"] + draft.all_tasks() for k in holder["cites"]}
    assert docs[removed]["key"] not in cited  # nothing cites a removed document any more


def test_a_document_row_without_a_number_is_refused(office, draft):
    new = len(draft.data["documents"])
    response = post_block(office, draft, "documents", **{f"d__{new}__issuer": "Bộ Quốc phòng (mới)",
                                                          "d__0__title": "tiêu đề đã sửa"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hãy ghi số, ký hiệu của văn bản (hoặc xóa dòng này)." in html
    # Nothing saved, everything typed still in the table.
    assert 'value="Bộ Quốc phòng (mới)"' in html and 'value="tiêu đề đã sửa"' in html
    draft.refresh_from_db()
    assert len(draft.data["documents"]) == new and draft.data["documents"][0]["title"] != "tiêu đề đã sửa"


def test_a_recipient_without_b_c_or_t_h_is_refused_and_kept(office, draft):
    count = len(draft.data["distribution"])
    response = post_block(office, draft, "distribution", **{f"r__{count}__recipient": "Công an thành phố"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hãy chọn b/c, t/h hoặc lưu." in html and 'value="Công an thành phố"' in html
    draft.refresh_from_db()
    assert len(draft.data["distribution"]) == count


def test_the_distribution_list_is_edited(office, draft):
    count = len(draft.data["distribution"])
    post_block(office, draft, "distribution", **{
        "r__0__purpose": "th", "r__1__DELETE": "on",
        f"r__{count}__recipient": "Công an thành phố", f"r__{count}__purpose": "th",
    })
    draft.refresh_from_db()
    rows = draft.data["distribution"]
    assert rows[0] == {"recipient": "Thường trực Tỉnh ủy", "purpose": "th"}
    assert "Văn phòng Tỉnh ủy" not in [r["recipient"] for r in rows]
    assert rows[-1] == {"recipient": "Công an thành phố", "purpose": "th"}


def test_a_part_text_is_edited(office, draft):
    post_block(office, draft, "part-1", p1__text="Nội dung phần 1 đã sửa.", p1__title="Quán triệt")
    draft.refresh_from_db()
    assert draft.data["sections"][0]["text"] == "Nội dung phần 1 đã sửa."
    assert draft.data["sections"][0]["title"] == "Quán triệt"


def test_nothing_is_saved_on_a_published_draft(office, draft):
    ImportDraft.objects.filter(pk=draft.pk).update(status=ImportDraft.Status.PUBLISHED)
    response = office.post(draft_url(draft), {"block": "header", "revision": draft.revision, "h-summary": "x"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.data["directive"]["summary"] != "x"


def test_discarding_a_draft(office, draft):
    from django.urls import reverse

    response = office.post(reverse("directives:import_discard", args=[draft.pk]))
    assert response.status_code == 302 and response.url == reverse("directives:import_start")
    assert not ImportDraft.objects.filter(pk=draft.pk).exists()
