"""Changes made through the Django admin land in the audit trail, field by field."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from tasks.models import Assignment, Membership, Unit


@pytest.fixture
def admin_client_(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@tuson.local", "x")
    client.force_login(admin)
    return client


def test_creating_and_changing_a_unit_in_the_admin_is_audited(admin_client_):
    response = admin_client_.post(reverse("admin:tasks_unit_add"), {
        "key": "p-moi", "name": "Đảng ủy phường Mới", "short_name": "", "kind": "ward", "email": "",
        "is_active": "on", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(key="p-moi")
    created = AuditEntry.objects.get(action="admin.create", object_type="tasks.unit")
    assert created.object_id == str(unit.pk) and created.actor.username == "root"
    admin_client_.post(reverse("admin:tasks_unit_change", args=[unit.pk]), {
        "key": "p-moi", "name": "Đảng ủy phường Mới (sửa)", "short_name": "", "kind": "ward", "email": "",
        "is_active": "on", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})
    changed = AuditEntry.objects.get(action="admin.change", object_type="tasks.unit")
    assert changed.changes == {"name": ["Đảng ủy phường Mới", "Đảng ủy phường Mới (sửa)"]}
    assert changed.ip_address == "127.0.0.1"


def test_deleting_in_the_admin_is_audited(admin_client_):
    unit = Unit.objects.create(key="p-xoa", name="Phường Xóa", kind="ward")
    admin_client_.post(reverse("admin:tasks_unit_delete", args=[unit.pk]), {"post": "yes"})
    assert not Unit.objects.filter(pk=unit.pk).exists()
    entry = AuditEntry.objects.get(action="admin.delete")
    assert entry.object_id == str(unit.pk) and entry.object_repr == "Phường Xóa"


def test_memberships_are_read_only_in_the_admin(admin_client_, django_user_model):
    unit = Unit.objects.create(key="p-ro", name="Phường Chỉ Đọc", kind="ward")
    assert admin_client_.get(reverse("admin:tasks_membership_add")).status_code == 403
    user = django_user_model.objects.create_user("x")
    m = Membership.objects.create(unit=unit, user=user)
    assert admin_client_.post(reverse("admin:tasks_membership_delete", args=[m.pk]), {"post": "yes"}).status_code == 403


def test_the_extension_count_of_an_assignment_is_read_only_in_the_admin(admin_client_, directive):
    assignment = Assignment.objects.filter(task__directive=directive).first()
    html = admin_client_.get(reverse("admin:tasks_assignment_change", args=[assignment.pk])).content.decode()
    assert 'name="due_date"' in html  # the form is there, but the count is only shown
    assert 'name="extension_count"' not in html


def test_changing_a_user_in_the_admin_is_audited_without_the_password(admin_client_, person):
    url = reverse("admin:auth_user_change", args=[person.pk])
    data = {"username": person.username, "first_name": "", "last_name": "Nguyễn Văn An", "email": person.email,
            "is_active": "on", "is_staff": "on", "date_joined_0": "07/05/2022", "date_joined_1": "08:00:00",
            "initial-date_joined_0": "07/05/2022", "initial-date_joined_1": "08:00:00"}
    response = admin_client_.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(action="admin.change", object_type="auth.user")
    assert entry.changes["is_staff"] == [False, True]
    assert "password" not in entry.changes


@pytest.mark.parametrize("model", ["directivegroupobjectpermission", "directiveuserobjectpermission",
                                   "unitgroupobjectpermission", "unituserobjectpermission"])
def test_object_permissions_can_be_read_in_the_admin_but_not_written(admin_client_, directive, model):
    app = "directives" if model.startswith("directive") else "tasks"
    listing = admin_client_.get(reverse(f"admin:{app}_{model}_changelist"), {"q": "dinh"})
    assert listing.status_code == 200
    assert "quyền của" in listing.content.decode()
    assert admin_client_.get(reverse(f"admin:{app}_{model}_add")).status_code == 403


def test_a_units_group_permissions_are_listed_in_the_admin(admin_client_, directive):
    html = admin_client_.get(reverse("admin:tasks_unitgroupobjectpermission_changelist")).content.decode()
    assert "Đình Bảng" in html


@pytest.mark.parametrize("app_model", ["tasks_submission", "tasks_extensionrequest", "tasks_explanationrequest",
                                       "audit_auditentry", "reminders_reminderlog"])
def test_history_records_cannot_be_added_in_the_admin(admin_client_, app_model):
    assert admin_client_.get(reverse(f"admin:{app_model}_changelist")).status_code == 200
    assert admin_client_.get(reverse(f"admin:{app_model}_add")).status_code == 403
