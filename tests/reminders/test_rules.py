"""Each rule at its boundary dates, through the sweep, with the clock frozen in Vietnam."""

import datetime

import pytest

from reminders import services
from reminders.models import ReminderLog, ReminderPolicy, Rule
from tasks.models import Submission
from tests.reminders.conftest import TODAY, at

DAY = datetime.timedelta(days=1)


def rules_for(assignment):
    return {(row.rule, row.recipient.username) for row in
            ReminderLog.objects.filter(assignment=assignment, channel="email").select_related("recipient")}


def swept(world, travel, day):
    travel(day)
    return services.sweep()


@pytest.mark.parametrize("days_before", [7, 3, 1])
def test_reminder_goes_out_7_3_and_1_days_before_the_deadline(world, travel, days_before):
    work = world.task(TODAY + days_before * DAY)
    swept(world, travel, TODAY)
    assert rules_for(work) == {(Rule.BEFORE_DUE, "alice")}


@pytest.mark.parametrize("days_before", [8, 6, 5, 4, 2])
def test_no_reminder_on_the_days_between(world, travel, days_before):
    work = world.task(TODAY + days_before * DAY)
    swept(world, travel, TODAY)
    assert rules_for(work) == set()


def test_reminder_on_the_day_of_the_deadline(world, travel):
    work = world.task(TODAY)
    swept(world, travel, TODAY)
    assert rules_for(work) == {(Rule.DUE_TODAY, "alice")}


@pytest.mark.parametrize("late, expected", [(1, False), (2, False), (3, True), (4, False), (5, False),
                                            (6, True), (9, True)])
def test_overdue_work_is_reminded_every_3_days(world, travel, late, expected):
    work = world.task(TODAY - late * DAY)
    swept(world, travel, TODAY)
    assert ((Rule.OVERDUE, "alice") in rules_for(work)) is expected


def test_escalation_at_7_days_overdue_goes_to_the_head_and_the_tracking_body(world, travel):
    work = world.task(TODAY - 7 * DAY)
    swept(world, travel, TODAY)
    assert rules_for(work) == {(Rule.ESCALATION, "hana"), (Rule.ESCALATION, "rita")}


def test_no_escalation_at_6_days_overdue(world, travel):
    work = world.task(TODAY - 6 * DAY)
    swept(world, travel, TODAY)
    assert {rule for rule, _who in rules_for(work)} == {Rule.OVERDUE}


def test_escalation_happens_once_per_deadline(world, travel):
    work = world.task(TODAY - 7 * DAY)
    swept(world, travel, TODAY)
    swept(world, travel, TODAY + DAY)
    swept(world, travel, TODAY + 2 * DAY)
    assert ReminderLog.objects.filter(assignment=work, rule=Rule.ESCALATION, channel="email").count() == 2


def test_a_missed_escalation_day_is_caught_up_the_next_day(world, travel):
    work = world.task(TODAY - 8 * DAY)
    swept(world, travel, TODAY)
    assert (Rule.ESCALATION, "hana") in rules_for(work)


def test_an_extension_starts_the_deadline_reminders_afresh(world, travel):
    work = world.task(TODAY + 3 * DAY)
    swept(world, travel, TODAY)
    work.due_date = TODAY + 7 * DAY
    work.save()
    swept(world, travel, TODAY)
    assert ReminderLog.objects.filter(assignment=work, rule=Rule.BEFORE_DUE, channel="email").count() == 2


@pytest.mark.parametrize("days, expected", [(4, False), (5, True)])
def test_returned_submission_not_resubmitted_after_5_days(world, travel, days, expected):
    work = world.task(TODAY + 20 * DAY)
    returned_on = TODAY - days * DAY
    world.submit(work, status=Submission.Status.RETURNED, at_=at(returned_on - DAY, 9),
                 decided_at=at(returned_on, 23, 50))
    swept(world, travel, TODAY)
    assert ((Rule.RETURNED, "alice") in rules_for(work)) is expected


def test_no_returned_reminder_once_the_unit_has_resubmitted(world, travel):
    work = world.task(TODAY + 20 * DAY)
    world.submit(work, status=Submission.Status.RETURNED, at_=at(TODAY - 6 * DAY, 9),
                 decided_at=at(TODAY - 5 * DAY, 10))
    world.submit(work, at_=at(TODAY - DAY, 9))
    swept(world, travel, TODAY)
    assert rules_for(work) == set()


@pytest.mark.parametrize("days, expected", [(2, False), (3, True)])
def test_explanation_request_unanswered_after_3_days(world, travel, days, expected):
    from tasks.models import ExplanationRequest

    work = world.task(TODAY - 2 * DAY)
    ExplanationRequest.objects.create(assignment=work, question="Vì sao chậm?", requested_by=world.rita,
                                      requested_at=at(TODAY - days * DAY, 8))
    swept(world, travel, TODAY)
    assert ((Rule.EXPLANATION, "alice") in rules_for(work)) is expected


def test_an_answered_explanation_request_is_not_reminded(world, travel):
    from tasks.models import ExplanationRequest

    work = world.task(TODAY - 2 * DAY)
    ExplanationRequest.objects.create(assignment=work, question="Vì sao chậm?", requested_by=world.rita,
                                      requested_at=at(TODAY - 3 * DAY, 8), answer="Đang hoàn thiện",
                                      answered_by=world.alice, answered_at=at(TODAY - DAY, 8))
    swept(world, travel, TODAY)
    assert rules_for(work) == set()


def test_explanation_rule_is_skipped_while_the_workflow_model_is_missing(world, travel, monkeypatch):
    from reminders import rules

    monkeypatch.setattr(rules, "explanation_model", lambda: None)
    work = world.task(TODAY - 2 * DAY)
    swept(world, travel, TODAY)
    assert rules_for(work) == set()


def test_nothing_for_completed_work(world, travel):
    done = world.task(TODAY + 3 * DAY, completed_on=TODAY - DAY)
    late_done = world.task(TODAY - 7 * DAY, completed_on=TODAY - DAY)
    swept(world, travel, TODAY)
    assert rules_for(done) == rules_for(late_done) == set()


def test_nothing_for_cancelled_work(world, travel):
    work = world.task(TODAY - 7 * DAY, is_cancelled=True)
    swept(world, travel, TODAY)
    assert rules_for(work) == set()


def test_nothing_for_work_awaiting_review(world, travel):
    work = world.task(TODAY - 3 * DAY)
    world.submit(work, at_=at(TODAY - DAY, 9))
    swept(world, travel, TODAY)
    assert rules_for(work) == set()


def test_returned_work_is_still_reminded_of_its_deadline(world, travel):
    work = world.task(TODAY + DAY)
    world.submit(work, status=Submission.Status.RETURNED, at_=at(TODAY - 2 * DAY, 9),
                 decided_at=at(TODAY - DAY, 9))
    swept(world, travel, TODAY)
    assert rules_for(work) == {(Rule.BEFORE_DUE, "alice")}


def test_nothing_to_deactivated_accounts(world, travel):
    work = world.task(TODAY + 3 * DAY)
    swept(world, travel, TODAY)
    assert not ReminderLog.objects.filter(recipient=world.ivan).exists()
    assert (Rule.BEFORE_DUE, "alice") in rules_for(work)


def test_a_unit_without_an_active_officer_is_reminded_through_its_head(world, travel):
    from accounts import grants

    grants.deactivate_user(world.alice)
    work = world.task(TODAY + 3 * DAY)
    swept(world, travel, TODAY)
    assert rules_for(work) == {(Rule.BEFORE_DUE, "hana")}


def test_each_unit_hears_only_about_its_own_work(world, travel):
    mine, theirs = world.task(TODAY + DAY), world.task(TODAY + DAY, world.ward_b)
    swept(world, travel, TODAY)
    assert rules_for(mine) == {(Rule.BEFORE_DUE, "alice")}
    assert rules_for(theirs) == {(Rule.BEFORE_DUE, "bob")}


def test_rules_are_editable_per_directive(world, travel):
    ReminderPolicy.objects.filter(directive=world.directive).update(
        days_before="10, 2", on_due_day=False, overdue_every_days=0, escalate_after_days=4)
    at_10, at_7, today, late_3, late_4 = (world.task(TODAY + d * DAY) for d in (10, 7, 0, -3, -4))
    swept(world, travel, TODAY)
    assert rules_for(at_10) == {(Rule.BEFORE_DUE, "alice")}
    assert rules_for(at_7) == rules_for(today) == rules_for(late_3) == set()
    assert {rule for rule, _who in rules_for(late_4)} == {Rule.ESCALATION}


def test_a_paused_policy_sends_nothing(world, travel):
    ReminderPolicy.objects.filter(directive=world.directive).update(is_active=False)
    world.task(TODAY + 3 * DAY)
    swept(world, travel, TODAY)
    assert not ReminderLog.objects.exists()


def test_a_draft_directive_sends_nothing(world, travel):
    from directives.models import Directive

    Directive.objects.filter(pk=world.directive.pk).update(status=Directive.Status.DRAFT)
    world.task(TODAY + 3 * DAY)
    swept(world, travel, TODAY)
    assert not ReminderLog.objects.exists()


def test_every_reminder_is_logged_once_per_channel(world, travel):
    work = world.task(TODAY + 3 * DAY)
    swept(world, travel, TODAY)
    assert sorted(ReminderLog.objects.filter(assignment=work).values_list("channel", flat=True)) == [
        "email", "portal"]


def test_each_directive_keeps_its_own_rules(world, travel):
    from directives.models import Directive

    other = Directive.objects.create(
        key="05-CT-TU-2022", parent_organ="ĐẢNG BỘ TỈNH BẮC NINH", issuing_organ="THÀNH ỦY TỪ SƠN",
        number="05", symbol="CT/TU", document_type="CHỈ THỊ", summary="Về giáo dục quốc phòng và an ninh",
        place="Từ Sơn", issued_on=datetime.date(2022, 2, 1), year=2022, tracking_unit=world.duqs,
        status=Directive.Status.PUBLISHED,
    )
    ReminderPolicy.objects.filter(directive=world.directive).update(days_before="10")
    assert ReminderPolicy.objects.get(directive=other).days_before_list == [7, 3, 1]  # the defaults
    edited_10, edited_7 = world.task(TODAY + 10 * DAY), world.task(TODAY + 7 * DAY)
    default_10 = world.task(TODAY + 10 * DAY, directive=other)
    default_7 = world.task(TODAY + 7 * DAY, directive=other)
    swept(world, travel, TODAY)
    assert rules_for(edited_10) == rules_for(default_7) == {(Rule.BEFORE_DUE, "alice")}
    assert rules_for(edited_7) == rules_for(default_10) == set()


def test_the_day_turns_at_midnight_in_vietnam_not_in_utc(world, travel):
    work = world.task(TODAY + 7 * DAY)
    travel(TODAY - DAY, 23, 55)  # 16:55 UTC: still the day before in Vietnam
    services.sweep()
    assert rules_for(work) == set()
    travel(TODAY, 0, 5)  # 17:05 UTC on the day before, but 10/05 in Vietnam
    services.sweep()
    assert rules_for(work) == {(Rule.BEFORE_DUE, "alice")}
