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
