"""The cases' pages: the list, a case's page, its steps, and opening one from the
identification. Each: it works; a case outside the scope is "not found", exactly like a
missing one; bad input is refused at its field with nothing changed and nothing lost."""

from __future__ import annotations

import pytest

from zastita.audit.models import Action
from zastita.cases.models import Case, CaseStatus
from zastita.cases.services import case_open, case_open_pending

from ..conftest import events, normalise, sign_in

pytestmark = pytest.mark.django_db
MISSING = 999999
REASON = "Особа је у непосредној опасности и треба јој смештај."


@pytest.fixture
def case(worker_user, identification, decide):
    decide(identification)
    return case_open(actor=worker_user, identification=identification)


def test_the_list_shows_the_workers_cases_by_number_and_code(client, worker_user, case):
    sign_in(client, worker_user)
    page = client.get("/cases/")
    assert page.status_code == 200
    html = page.content.decode()
    assert case.number in html
    assert case.person.code in html
    assert "/cases/" in html  # in the navigation


def test_the_list_is_not_found_for_who_may_not_read_cases(client, make_user, case):
    for role in ("analyst", "partner_reporter", "shelter_staff", "dpo"):
        sign_in(client, make_user(role))
        assert client.get("/cases/").status_code == 404


def test_the_list_keeps_to_the_scope_and_refuses_a_bad_filter_at_its_field(client, make_user, case):
    other = make_user("worker")
    sign_in(client, other)
    assert case.number not in client.get("/cases/").content.decode()
    page = client.get("/cases/", {"status": "nonsense"})
    assert page.status_code == 200
    assert "status" in page.context["form"].errors


def test_the_case_page_shows_the_case_and_records_the_read(client, worker_user, head, make_user):
    from zastita.people.identity import Identity
    from zastita.people.services import person_create

    person = person_create(actor=head, identity=Identity(first_name="Сара", last_name="Тест"),
                           birth_year=1995)  # fmt: skip
    pending = case_open_pending(actor=head, person=person, reason=REASON)
    sign_in(client, head)
    page = client.get(f"/cases/{pending.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert pending.number in html
    assert REASON in html
    assert "Започни рад" in html  # the next step offered
    reads = events(actor=head, action=Action.VIEW)
    assert ("case", str(pending.pk)) in {(e.object_type, e.object_id) for e in reads}


def test_a_case_outside_the_scope_is_not_found_like_a_missing_one(client, make_user, case):
    sign_in(client, make_user("worker"))
    refused, missing = client.get(f"/cases/{case.pk}/"), client.get(f"/cases/{MISSING}/")
    assert refused.status_code == missing.status_code == 404
    shown = normalise(refused.content).replace(f"/cases/{case.pk}/", "/cases/ID/")
    absent = normalise(missing.content).replace(f"/cases/{MISSING}/", "/cases/ID/")
    assert shown.replace(f"id={case.pk}", "id=ID") == absent.replace(f"id={MISSING}", "id=ID")
    assert f"/assignments/open/case/?id={case.pk}" in refused.content.decode()


def test_a_missing_or_malformed_case_is_not_found(client, worker_user):
    sign_in(client, worker_user)
    assert client.get(f"/cases/{MISSING}/").status_code == 404
    assert client.get("/cases/abc/").status_code == 404


def test_a_step_moves_the_case_on(client, worker_user, case):
    sign_in(client, worker_user)
    moved = client.post(f"/cases/{case.pk}/step/", {"to": "active", "version": case.version})
    assert moved.status_code == 302
    assert moved["Location"] == f"/cases/{case.pk}/"
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


def test_a_step_on_a_case_outside_the_scope_is_not_found(client, make_user, case):
    sign_in(client, make_user("worker"))
    posted = {"to": "active", "version": case.version}
    assert client.post(f"/cases/{case.pk}/step/", posted).status_code == 404
    assert client.post(f"/cases/{MISSING}/step/", posted).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.OPENED


def test_reopening_without_a_reason_is_refused_at_its_field_and_the_text_is_kept(
    client, worker_user, make_user, case
):
    from .plan_helpers import close_case

    sign_in(client, worker_user)
    # Closing is not a step of its own: it is the closure form's approval.
    page = client.post(f"/cases/{case.pk}/step/",
                       {"to": "closed", "version": case.version, "reason": REASON})  # fmt: skip
    assert page.status_code == 200
    assert "образац 12" in str(page.context["transition_form"].errors["reason"])
    case.refresh_from_db()
    assert case.status == CaseStatus.OPENED
    case = close_case(worker_user, make_user("head_of_service"), case)
    page = client.post(f"/cases/{case.pk}/step/",
                       {"to": "active", "version": case.version, "reason": "кратко"})  # fmt: skip
    assert page.status_code == 200
    assert "reason" in page.context["transition_form"].errors
    assert "кратко" in page.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    client.post(f"/cases/{case.pk}/step/",
                {"to": "active", "version": case.version, "reason": REASON})  # fmt: skip
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    stale = client.post(f"/cases/{case.pk}/step/",
                        {"to": "follow_up", "version": case.version - 1})  # fmt: skip
    assert stale.status_code == 200  # someone else moved it: said, nothing changed
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


def test_the_identification_proposes_the_case_and_its_worker_opens_it(
    client, worker_user, identification, decide
):
    decide(identification)
    sign_in(client, worker_user)
    page = client.get(f"/identification/{identification.pk}/")
    assert f"/identification/{identification.pk}/case/" in page.content.decode()
    opened = client.post(f"/identification/{identification.pk}/case/")
    case = Case.objects.get()
    assert opened.status_code == 302
    assert opened["Location"] == f"/cases/{case.pk}/"
    page = client.get(f"/identification/{identification.pk}/")
    assert case.number in page.content.decode()  # now the link to the case
    person_page = client.get(f"/people/{identification.person_id}/")
    assert case.number in person_page.content.decode()  # and on the person's page


def test_opening_from_an_identification_outside_the_scope_is_not_found(
    client, make_user, identification, decide
):
    decide(identification)
    sign_in(client, make_user("worker"))
    assert client.post(f"/identification/{identification.pk}/case/").status_code == 404
    assert client.post(f"/identification/{MISSING}/case/").status_code == 404
    assert not Case.objects.exists()


def test_opening_without_a_decision_in_force_is_refused_with_the_reason(
    client, worker_user, identification
):
    sign_in(client, worker_user)
    refused = client.post(f"/identification/{identification.pk}/case/", follow=True)
    assert refused.status_code == 200
    assert "одлука" in refused.content.decode()  # said why, on the identification's page
    assert not Case.objects.exists()


def test_a_coworker_who_may_not_open_the_case_is_told_who_does(
    client, make_user, identification, decide
):
    from ..conftest import share

    decide(identification)
    coworker = make_user("worker")
    share(identification, coworker)
    sign_in(client, coworker)
    page = client.get(f"/identification/{identification.pk}/")
    assert f"/identification/{identification.pk}/case/" not in page.content.decode()
    refused = client.post(f"/identification/{identification.pk}/case/", follow=True)
    assert refused.status_code == 200
    assert "шеф" in refused.content.decode().lower() or "руководи" in refused.content.decode()
    assert not Case.objects.exists()


def _person(actor, first_name="Тара"):
    from zastita.people.identity import Identity
    from zastita.people.services import person_create

    return person_create(actor=actor, identity=Identity(first_name=first_name, last_name="Тест"),
                         birth_year=1994)  # fmt: skip


def test_a_case_is_opened_before_the_decision_with_the_reason(client, worker_user):
    person = _person(worker_user)  # registered by the worker: in their scope
    sign_in(client, worker_user)
    assert client.get("/cases/new/").status_code == 200
    opened = client.post("/cases/new/", {"code": person.code.lower(), "reason": REASON})
    case = Case.objects.get()
    assert opened.status_code == 302
    assert opened["Location"] == f"/cases/{case.pk}/"
    assert case.person == person
    assert case.identification is None
    assert REASON not in case.opening_reason  # encrypted at rest


def test_opening_before_the_decision_is_not_found_for_who_may_not(client, make_user, worker_user):
    person = _person(worker_user)
    for role in ("director", "analyst", "dpo", "partner_reporter"):
        sign_in(client, make_user(role))
        assert client.get("/cases/new/").status_code == 404
        assert (
            client.post("/cases/new/", {"code": person.code, "reason": REASON}).status_code == 404
        )
    # A worker who does not have the person: the code finds nobody, as a missing one.
    sign_in(client, make_user("worker"))
    refused = client.post("/cases/new/", {"code": person.code, "reason": REASON})
    missing = client.post("/cases/new/", {"code": "P-NEMA0000", "reason": REASON})
    assert refused.context["form"].errors == missing.context["form"].errors
    assert not Case.objects.exists()


def test_opening_before_the_decision_refuses_a_short_reason_and_keeps_the_text(client, worker_user):
    person = _person(worker_user)
    sign_in(client, worker_user)
    page = client.post("/cases/new/", {"code": person.code, "reason": "хитно"})
    assert page.status_code == 200
    assert "reason" in page.context["form"].errors
    assert "хитно" in page.content.decode()
    assert person.code in page.content.decode()
    empty = client.post("/cases/new/", {})
    assert set(empty.context["form"].errors) == {"code", "reason"}
    assert not Case.objects.exists()


def test_the_earlier_case_is_named_only_to_who_may_see_it(client, make_user, head):
    from ..conftest import share

    person = _person(head)
    earlier = case_open_pending(actor=head, person=person, reason=REASON)
    from .plan_helpers import close_case

    colleague = make_user("worker")
    share(earlier, colleague)
    close_case(colleague, head, earlier)
    later = case_open_pending(actor=head, person=person, reason=REASON)
    assert later.previous == earlier
    worker = make_user("worker")
    share(later, worker)  # the later case only
    sign_in(client, worker)
    html = client.get(f"/cases/{later.pk}/").content.decode()
    assert earlier.number not in html
    sign_in(client, head)
    assert earlier.number in client.get(f"/cases/{later.pk}/").content.decode()
