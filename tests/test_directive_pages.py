import pytest
from django.urls import reverse

from directives.models import Directive


def test_list_requires_login(client, directive):
    response = client.get(reverse("directives:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_directive_page_shows_the_header_as_issued(client, cast, directive):
    client.force_login(cast.dinh_bang)
    html = client.get(reverse("directives:detail", args=[directive.pk])).content.decode()
    for text in ["ĐẢNG BỘ TỈNH BẮC NINH", "THÀNH ỦY TỪ SƠN", "Số 03-CT/TU", "ĐẢNG CỘNG SẢN VIỆT NAM",
                 "Từ Sơn, ngày 04 tháng 01 năm 2022", "CHỈ THỊ", "CỦA BAN THƯỜNG VỤ THÀNH ỦY",
                 "Về lãnh đạo thực hiện nhiệm vụ quốc phòng, quân sự địa phương năm 2022",
                 "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lê Xuân Lợi", "Nơi nhận:"]:
        assert text in html, text


def test_directive_page_shows_parts_tasks_units_deadlines_and_documents(client, cast, directive):
    client.force_login(cast.dinh_bang)
    html = client.get(reverse("directives:detail", args=[directive.pk])).content.decode()
    for n in range(1, 7):
        assert f'id="phan-{n}"' in html
    assert "Phường Tam Sơn diễn tập phòng chống thiên tai, tìm kiếm cứu nạn" in html
    assert "Đình Bảng" in html and "Tương Giang" in html
    assert "20/10/2022" in html and "07/05/2022" in html
    assert "21/2019/NĐ-CP" in html and "202/2013/TT-BQP" in html
    assert "đề xuất" in html  # proposed deadlines are marked


def test_list_shows_the_directive(client, cast, directive):
    client.force_login(cast.tuong_giang)
    html = client.get(reverse("directives:list")).content.decode()
    assert "03-CT/TU" in html and "04/01/2022" in html


def test_draft_directive_is_hidden_from_units_but_not_the_office(client, cast, directive):
    Directive.objects.filter(pk=directive.pk).update(status=Directive.Status.DRAFT)
    url = reverse("directives:detail", args=[directive.pk])
    client.force_login(cast.dinh_bang)
    assert client.get(url).status_code == 404
    client.force_login(cast.office)
    assert client.get(url).status_code == 200


def test_english_interface_is_available(client, cast, directive):
    client.force_login(cast.dinh_bang)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("directives:list")).content.decode()
    assert 'lang="en"' in html
    assert "Directives" in html


def test_directive_page_query_count_does_not_grow_with_tasks(client, cast, directive, django_assert_max_num_queries):
    client.force_login(cast.office)
    with django_assert_max_num_queries(20):
        client.get(reverse("directives:detail", args=[directive.pk]))


def _add_directives(n, directive):
    """n more published directives, each with one task assigned to Đình Bảng."""
    import datetime

    from tasks.models import Assignment, Unit

    ward = Unit.objects.get(key="p-dinh-bang")
    start = Directive.objects.count()
    made = Directive.objects.bulk_create([
        Directive(key=f"kh-{start + i}", parent_organ="ĐẢNG BỘ TỈNH BẮC NINH", issuing_organ="THÀNH ỦY TỪ SƠN",
                  number=str(100 + start + i), symbol="KH/TU", document_type="KẾ HOẠCH",
                  summary=f"Kế hoạch số {start + i}", place="Từ Sơn", issued_on=datetime.date(2022, 3, 1),
                  year=2022, status=Directive.Status.PUBLISHED, tracking_unit=directive.tracking_unit)
        for i in range(n)
    ])
    from directives.models import Task

    tasks = Task.objects.bulk_create([
        Task(directive=d, key="1", position=1, title="Nhiệm vụ", kind=Task.Kind.ONE_OFF,
             deadline=datetime.date(2022, 6, 30)) for d in made
    ])
    Assignment.objects.bulk_create([
        Assignment(task=t, unit=ward, role=Assignment.Role.LEAD, due_date=t.deadline,
                   original_due_date=t.deadline) for t in tasks
    ])
    from accounts import grants

    for d in made:
        grants.grant_tracking(d)  # the Military Party Committee tracks them


@pytest.mark.parametrize("who", ["dinh_bang", "office", "reviewer"])
def test_directive_list_runs_the_same_queries_for_5_and_100_directives(client, cast, directive, who):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(getattr(cast, who))
    url = reverse("directives:list")
    client.get(url)  # the session's first request settles its two-factor state

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    _add_directives(4, directive)
    few, html = queries()
    assert html.count("KH/TU") >= 4
    _add_directives(95, directive)
    many, html = queries()
    assert html.count("KH/TU") >= 99
    assert many == few


def test_units_of_a_task_are_listed_in_vietnamese_dictionary_order(client, cast, directive):
    import re

    client.force_login(cast.office)
    html = client.get(reverse("directives:detail", args=[directive.pk])).content.decode()
    row = re.search(r"<tr[^>]*>\s*<t[dh][^>]*>C\.1</t[dh]>.*?</tr>", html, re.S)
    assert row, "the row of task C.1"
    names = re.findall(r"<li>([^<]+)</li>", row.group(0))
    assert names == ["Châu Khê", "Đình Bảng", "Đồng Kỵ", "Đông Ngàn", "Đồng Nguyên", "Hương Mạc",
                     "Phù Chẩn", "Phù Khê", "Tam Sơn", "Tân Hồng", "Trang Hạ", "Tương Giang"]
