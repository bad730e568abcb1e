"""The audit trail cannot be changed or emptied by SQL either (audit/0003_append_only_triggers)."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

import audit
from audit.models import AuditEntry
from tests.conftest import uses_postgres


@pytest.fixture
def entry(django_user_model):
    actor = django_user_model.objects.create_user("kiem.tra", password="x")
    return audit.record("auth.login", actor=actor, obj=actor, changes={"k": "v"})


def _raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _fresh(entry):
    return AuditEntry.objects.values().get(pk=entry.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("column, value", [
    ("action", "auth.logout"), ("actor_name", "ai-do"), ("object_repr", "khác"),
    ("ip_address", "203.0.113.9"), ("changes", "{}"), ("at", "2000-01-01 00:00:00+00"),
])
def test_raw_sql_cannot_update_an_entry(entry, column, value):
    before = _fresh(entry)
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"UPDATE audit_auditentry SET {column} = %s WHERE id = %s", [value, entry.pk])
    assert _fresh(entry) == before


@pytest.mark.django_db
def test_raw_sql_cannot_point_an_entry_at_another_person(entry, django_user_model):
    other = django_user_model.objects.create_user("nguoi.khac", password="x")
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("UPDATE audit_auditentry SET actor_id = %s WHERE id = %s", [other.pk, entry.pk])
    assert _fresh(entry)["actor_id"] == entry.actor_id


@pytest.mark.django_db
def test_raw_sql_cannot_delete_entries(entry):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditentry")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_truncate_is_refused_on_postgresql(entry):
    if not uses_postgres():
        pytest.skip("TRUNCATE exists on PostgreSQL only")
    _raw("SET CONSTRAINTS ALL IMMEDIATE")  # else "pending trigger events" refuses it first
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("TRUNCATE audit_auditentry CASCADE")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_deleting_the_account_keeps_its_entries_with_the_name(entry):
    entry.actor.delete()
    row = _fresh(entry)
    assert row["actor_id"] is None
    assert (row["actor_name"], row["action"], row["object_repr"]) == ("kiem.tra", "auth.login", "kiem.tra")


@pytest.mark.django_db
def test_deleting_a_unit_keeps_its_entries(django_user_model):
    from tasks.models import Unit

    unit = Unit.objects.create(key="thu-nghiem", name="Đơn vị thử nghiệm", kind=Unit.Kind.values[0])
    kept = audit.record("admin.create", obj=unit)
    unit.delete()
    row = _fresh(kept)
    assert row["unit_id"] is None and row["object_repr"] == kept.object_repr


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_table_and_the_guard_comes_back(entry):
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    again = audit.record("auth.logout")
    with pytest.raises(DatabaseError, match="append-only"):
        _raw("DELETE FROM audit_auditentry WHERE id = %s", [again.pk])
    if uses_postgres():
        with pytest.raises(DatabaseError, match="append-only"):
            _raw("TRUNCATE audit_auditentry CASCADE")
