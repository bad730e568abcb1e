"""Reading through the API: each person sees exactly what the pages show them."""

import datetime

import pytest
from rest_framework.test import APIClient

from api.models import ApiToken
from audit.models import AuditEntry
from tasks.models import Assignment
from tasks.status import Bucket


def test_anonymous_gets_401_with_the_scheme_to_use(directive):
    response = APIClient().get("/api/v1/assignments/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_wrong_revoked_or_expired_token_is_refused(cast, token_client):
    client = token_client(cast.dinh_bang)
    token = ApiToken.objects.get(user=cast.dinh_bang)
    assert client.get("/api/v1/directives/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    expired = client.get("/api/v1/directives/")
    assert expired.status_code == 401
    assert "hết hạn" in expired.json()["detail"]
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Bearer tsqp_not-a-token")
    assert bad.get("/api/v1/directives/").status_code == 401


def test_a_token_of_dinh_bang_sees_dinh_bang_work_only(cast, directive, token_client):
    client = token_client(cast.dinh_bang)
    response = client.get("/api/v1/assignments/", {"directive": directive.pk})
    assert response.status_code == 200
    body = response.json()
    units = {row["unit"]["key"] for row in body["results"]}
    assert units == {"p-dinh-bang"}
    assert body["count"] == Assignment.objects.filter(unit__key="p-dinh-bang", task__directive=directive).count()
    other = Assignment.objects.filter(unit__key="p-tuong-giang").first()
    assert client.get(f"/api/v1/assignments/{other.pk}/").status_code == 404
    assert client.get(f"/api/v1/assignments/{other.pk}/submissions/").status_code == 404


def test_the_reviewer_sees_every_unit_and_groups_as_of_a_date(cast, directive, token_client):
    client = token_client(cast.reviewer)
    body = client.get("/api/v1/assignments/", {"directive": directive.pk, "as_of": "2022-01-05"}).json()
    assert body["count"] == Assignment.objects.filter(task__directive=directive, is_cancelled=False).count()
    groups = {row["group"] for row in body["results"]}
    # Nothing is due on the day after the directive was issued: all open work is within its deadline.
    assert groups == {Bucket.OPEN_WITHIN}
    row = body["results"][0]
    assert row["group_label"] == "Chưa hoàn thành, còn trong hạn"
    assert row["url"].endswith(f"/viec/{row['id']}/")


def test_the_group_filter_and_bad_parameters(cast, directive, token_client):
    client = token_client(cast.reviewer)
    overdue = client.get("/api/v1/assignments/", {"as_of": "2023-01-31", "group": "open_overdue"}).json()
    assert overdue["count"] > 0 and {r["group"] for r in overdue["results"]} == {"open_overdue"}
    # A NUL anywhere is refused before the API by the portal's middleware (tuson_qp.http_security).
    assert client.get("/api/v1/assignments/", {"as_of": "x\x00"}).status_code == 400
    for params, field in [({"as_of": "31/02/2022"}, "as_of"), ({"as_of": "2022-13-45"}, "as_of"),
                          ({"group": "nope"}, "group"), ({"directive": "1; drop"}, "directive"),
                          ({"unit": "-1"}, "unit")]:
        response = client.get("/api/v1/assignments/", params)
        assert response.status_code == 400, params
        assert field in response.json()


def test_directive_detail_holds_parts_tasks_citations_and_distribution(cast, directive, token_client):
    body = token_client(cast.dinh_bang).get(f"/api/v1/directives/{directive.pk}/").json()
    assert body["number_symbol"] == "03-CT/TU"
    assert [p["number"] for p in body["parts"]] == [1, 2, 3, 4, 5, 6]
    assert len(body["tasks"]) == directive.tasks.count()
    assert body["recipients"] and body["cited_documents"]


def test_figures_use_the_dashboard_and_the_person_scope(cast, directive, token_client):
    whole = token_client(cast.reviewer).get(f"/api/v1/directives/{directive.pk}/figures/",
                                            {"as_of": "2022-06-30"}).json()
    own = token_client(cast.dinh_bang).get(f"/api/v1/directives/{directive.pk}/figures/",
                                           {"as_of": "2022-06-30"}).json()
    assert whole["whole"] is True and own["whole"] is False
    assert [u["id"] for u in own["units"]] == [cast.dinh_bang.memberships.get().unit_id]
    assert len(whole["units"]) > 20
    assert whole["total"]["assignments"] == Assignment.objects.filter(
        task__directive=directive, is_cancelled=False).count()
    assert own["total"]["assignments"] == Assignment.objects.filter(
        task__directive=directive, unit__key="p-dinh-bang", is_cancelled=False).count()
    assert [g["key"] for g in whole["total"]["groups"]] == [b.value for b in Bucket]
    # The four groups partition all assigned work; what has fallen due is a figure of its own.
    total = whole["total"]
    assert sum(g["count"] for g in total["groups"]) == total["assignments"]
    assert 0 < total["fallen_due"] < total["assignments"]


def test_every_token_use_is_audited_and_marks_last_use(cast, token_client):
    client = token_client(cast.dinh_bang)
    client.get("/api/v1/directives/")
    client.get("/api/v1/submissions/")
    uses = AuditEntry.objects.filter(action="api.token_use", actor=cast.dinh_bang)
    assert [e.changes["path"] for e in uses.order_by("pk")] == ["/api/v1/directives/", "/api/v1/submissions/"]
    assert ApiToken.objects.get(user=cast.dinh_bang).last_used_at is not None


def test_requests_are_throttled_per_token(cast, monkeypatch, token_client):
    from api.authentication import TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"api": "3/min"})
    first, second = token_client(cast.dinh_bang), token_client(cast.dinh_bang)
    codes = [first.get("/api/v1/directives/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    # Another token of the same person has its own allowance.
    assert second.get("/api/v1/directives/").status_code == 200


def test_the_schema_and_its_documentation_page(client, cast):
    client.force_login(cast.dinh_bang)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/v1/assignments/{id}/submissions/" in text and "openapi: 3" in text
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html and "cdn" not in html.lower() and "<script>" not in html


@pytest.mark.parametrize("url", ["/api/v1/directives/", "/api/v1/assignments/", "/api/v1/submissions/"])
def test_list_queries_do_not_grow_with_the_rows(url, cast, token_client, django_assert_max_num_queries):
    client = token_client(cast.reviewer)
    # Up to 17 (the assignments, PostgreSQL): the token and its audit, the roles, the user's
    # grants (read once a request: accounts.permissions), the paging's data version, scope and
    # counts, the page and its serial plan (api.paging).
    with django_assert_max_num_queries(17):
        assert client.get(url).status_code == 200
