"""Opening a case and moving it through its workflow: from an approved decision in one step,
before the decision with a reason, one open case per person, a new case linked to the
earlier one, closure and reopening with reasons; the scope follows the case manager."""

from __future__ import annotations

import pytest

from zastita.assignments.models import AssignmentChange
from zastita.audit.models import Action
from zastita.cases.models import Case, CaseStatus, CaseTransition
from zastita.cases.rules import case_scope
from zastita.cases.services import (
    case_open,
    case_open_pending,
    case_transition,
    proposal,
)
from zastita.core.crypto import unseal
from zastita.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from zastita.identification.models import VictimStatus
from zastita.people.rules import person_scope

from ..conftest import events, share
from .plan_helpers import close_case

pytestmark = pytest.mark.django_db
REASON = "Особа је у непосредној опасности и треба јој смештај."


def test_an_approved_decision_proposes_a_case_and_the_identifications_worker_opens_it(
    worker_user, identification, decide
):
    assert proposal(identification) == ""  # no decision in force yet
    decide(identification)
    assert proposal(identification) == str(VictimStatus.IDENTIFIED.label)
    case = case_open(actor=worker_user, identification=identification)
    assert (case.status, case.person_id) == (CaseStatus.OPENED, identification.person_id)
    assert case.number == f"С-0001/{case.year}"
    assert case.assigned_to == worker_user  # the identification's worker, carried over
    assert AssignmentChange.objects.filter(subject_type="case", subject_id=case.pk).exists()
    assert [t.to_status for t in CaseTransition.objects.filter(case=case)] == ["opened"]
    assert events(action=Action.CREATE, object_type="case", actor=worker_user)
    assert proposal(identification) == ""  # the person has an open case now


def test_the_head_opens_it_for_the_worker_and_another_worker_may_not(
    worker_user, head, make_user, identification, decide
):
    decide(identification, status="presumed")
    other = make_user("worker")
    with pytest.raises(NotFound):  # not their identification: not even found
        case_open(actor=other, identification=identification)
    share(identification, other)
    with pytest.raises(PermissionDenied):  # a co-worker, not the identification's worker
        case_open(actor=other, identification=identification)
    case = case_open(actor=head, identification=identification)
    assert case.assigned_to == worker_user
    assert case.pk in set(Case.objects.filter(case_scope(worker_user)).values_list("pk", flat=True))


@pytest.mark.parametrize("status", [None, "not_victim"])
def test_no_case_without_a_protected_status_in_force(worker_user, identification, decide, status):
    if status:
        decide(identification, status=status)
    with pytest.raises(ValidationError):
        case_open(actor=worker_user, identification=identification)
    assert not Case.objects.exists()


def test_one_open_case_per_person_and_a_new_one_links_the_earlier(
    worker_user, make_user, identification, decide
):
    decide(identification)
    first = case_open(actor=worker_user, identification=identification)
    with pytest.raises(ValidationError) as refused:
        case_open(actor=worker_user, identification=identification)
    assert first.number in str(refused.value.summary())
    with pytest.raises(ValidationError):
        case_open_pending(actor=worker_user, person=identification.person, reason=REASON)
    first = close_case(worker_user, make_user("head_of_service"), first)
    # Trafficked again: a new case, linked to the earlier one.
    second = case_open(actor=worker_user, identification=identification)
    assert second.previous == first
    # The earlier one cannot be reopened while the new one is open.
    with pytest.raises(ValidationError):
        case_transition(actor=worker_user, case=first, to="active", reason=REASON,
                        version=first.version)  # fmt: skip


def test_a_case_before_the_decision_needs_a_reason_kept_encrypted(worker_user, identification):
    person = identification.person
    with pytest.raises(ValidationError) as refused:
        case_open_pending(actor=worker_user, person=person, reason="хитно")
    assert "reason" in refused.value.fields
    case = case_open_pending(actor=worker_user, person=person, reason=REASON)
    assert case.identification is None
    assert case.assigned_to == worker_user
    assert REASON not in case.opening_reason  # encrypted


def test_the_workflow_with_reasons_versions_and_read_only_director(
    worker_user, make_user, identification, decide
):
    decide(identification)
    case = case_open(actor=worker_user, identification=identification)
    case = case_transition(actor=worker_user, case=case, to="active", version=case.version)
    with pytest.raises(Conflict):  # a stale version: someone moved it meanwhile
        case_transition(actor=worker_user, case=case, to="follow_up", version=case.version - 1)
    with pytest.raises(ValidationError):  # not a step of the table
        case_transition(actor=worker_user, case=case, to="opened", version=case.version)
    with pytest.raises(ValidationError) as refused:  # closing is the closure form's approval
        case_transition(actor=worker_user, case=case, to="closed", reason=REASON,
                        version=case.version)  # fmt: skip
    assert "образац 12" in str(refused.value.fields["reason"])
    director = make_user("director")
    with pytest.raises(PermissionDenied):  # reads all, writes nothing
        case_transition(actor=director, case=case, to="follow_up", version=case.version)
    stranger = make_user("worker")
    with pytest.raises(NotFound):
        case_transition(actor=stranger, case=case, to="follow_up", version=case.version)
    case = case_transition(actor=worker_user, case=case, to="follow_up", version=case.version)
    case = close_case(worker_user, make_user("head_of_service"), case, reason="referred",
                      referred=True)  # fmt: skip
    assert case.closed_at is not None
    row = CaseTransition.objects.filter(case=case).last()
    assert row is not None
    said = unseal(row.reason, "case_transition", row.pk, "reason")
    assert said
    assert said not in row.reason  # encrypted
    case = case_transition(actor=worker_user, case=case, to="active", reason=REASON,
                           version=case.version)  # fmt: skip
    assert (case.status, case.closed_at) == (CaseStatus.ACTIVE, None)
    steps = [t.to_status for t in CaseTransition.objects.filter(case=case)]
    assert steps == ["opened", "active", "follow_up", "closed_referred", "active"]
    assert len(events(action=Action.TRANSITION, object_type="case")) == 4


def test_the_case_and_its_person_are_in_the_case_managers_scope_only(
    worker_user, make_user, identification, decide
):
    decide(identification)
    case = case_open(actor=worker_user, identification=identification)
    other = make_user("worker")
    assert not Case.objects.filter(case_scope(other)).exists()
    share(case, other)
    assert Case.objects.filter(case_scope(other)).get() == case
    from zastita.people.models import Person

    assert Person.objects.filter(person_scope(other), pk=case.person_id).exists()
    for role in ("analyst", "shelter_staff", "partner_reporter", "dpo", "administrator"):
        assert not Case.objects.filter(case_scope(make_user(role))).exists()


def test_the_open_cases_number_is_told_only_to_who_may_see_it(
    worker_user, make_user, identification, decide
):
    decide(identification)
    case = case_open(actor=worker_user, identification=identification)
    other = make_user("worker")
    share(identification, other)  # they see the identification and its person, not the case
    with pytest.raises(ValidationError) as refused:
        case_open_pending(actor=other, person=identification.person, reason=REASON)
    assert case.number not in str(refused.value.summary())


def test_two_records_each_with_an_open_case_are_not_merged(make_user, worker_user, head):
    """One person, one open case: a merge that would give one person two is refused at its
    field, and after a merge the kept record counts the absorbed one's case as its own."""
    from zastita.people.identity import Identity
    from zastita.people.services import person_create, person_merge

    creator = make_user("head_of_service")
    first, second, third = (
        person_create(actor=creator, identity=Identity(first_name=name, last_name="Тест"),
                      birth_year=1990)
        for name in ("Ана", "Бранка", "Весна")
    )  # fmt: skip
    case_open_pending(actor=head, person=first, reason=REASON)
    case_open_pending(actor=head, person=second, reason=REASON)
    with pytest.raises(ValidationError) as refused:
        person_merge(actor=creator, kept=first, absorbed=second)
    assert "отворен случај" in str(refused.value.fields["other_code"][0])
    first.refresh_from_db()
    assert first.merged_from.count() == 0  # nothing half-done
    person_merge(actor=creator, kept=third, absorbed=second)
    # The kept record now has the absorbed one's open case: no second one is opened.
    with pytest.raises(ValidationError):
        case_open_pending(actor=head, person=third, reason=REASON)


def test_one_open_case_holds_along_a_chain_of_merges(make_user, head):
    """A merged into B, B into C: A's open case is C's; C is not merged with D while D has
    one too, and no second case is opened for C or for A."""
    from zastita.people.identity import Identity
    from zastita.people.services import person_create, person_merge

    creator = make_user("head_of_service")
    a, b, c, d = (
        person_create(actor=creator, identity=Identity(first_name=name, last_name="Тест"),
                      birth_year=1990)
        for name in ("Ана", "Бранка", "Весна", "Гордана")
    )  # fmt: skip
    case_open_pending(actor=head, person=a, reason=REASON)
    person_merge(actor=creator, kept=b, absorbed=a)
    person_merge(actor=creator, kept=c, absorbed=b)
    for person in (c, a):
        with pytest.raises(ValidationError):
            case_open_pending(actor=head, person=person, reason=REASON)
    case_open_pending(actor=head, person=d, reason=REASON)
    with pytest.raises(ValidationError):
        person_merge(actor=creator, kept=c, absorbed=d)
