"""Proceedings on the case: those recorded on the identification move to the case when it
opens (re-sealed, with their first state as recorded), and the identification's list is
read-only from then on; a proceeding is recorded and changed on the case, each change kept as
history. Each page: it works; a case outside the scope is "not found", exactly like a missing
one; bad input is refused at its field with nothing changed and what was typed kept."""

from __future__ import annotations

from typing import Any

import pytest

from zastita.audit.models import Action
from zastita.cases.models import CaseProceeding, ProceedingChange
from zastita.cases.proceedings.services import (
    ProceedingInput,
    proceeding_add,
    proceeding_change,
    texts,
)
from zastita.cases.services import case_open
from zastita.core.errors import Conflict, ValidationError
from zastita.identification.models import Proceeding
from zastita.identification.services import proceeding_add as identification_proceeding_add

from ..conftest import events, sign_in
from .plan_helpers import close_case

pytestmark = pytest.mark.django_db
MISSING = 999999
POLICE: dict[str, Any] = {
    "stage": "police", "authority": "ПУ за Град Београд", "reference": "КУ 77/26",
    "role": "injured", "consent": "not_asked",
}  # fmt: skip


@pytest.fixture
def case(worker_user, identification, decide):
    decide(identification)
    return case_open(actor=worker_user, identification=identification)


def test_the_identifications_proceedings_move_to_the_case_when_it_opens(
    client, worker_user, identification, decide
):
    identification_proceeding_add(actor=worker_user, identification=identification, **POLICE)
    decide(identification)
    case = case_open(actor=worker_user, identification=identification)
    moved = CaseProceeding.objects.get(case=case)
    assert moved.copied_from == Proceeding.objects.get()
    assert texts(moved) == ("ПУ за Град Београд", "КУ 77/26")
    assert "КУ 77/26" not in moved.reference  # sealed again, to its new row
    assert [c.stage for c in moved.history.all()] == ["police", "police"]
    first = moved.history.first()
    assert first is not None
    assert first.at == Proceeding.objects.get().created_at
    # The identification keeps its own, read-only, and says where they are kept.
    with pytest.raises(ValidationError, match=case.number):
        identification_proceeding_add(actor=worker_user, identification=identification, **POLICE)
    sign_in(client, worker_user)
    page = client.get(f"/identification/{identification.pk}/").content.decode()
    assert case.number in page
    assert f'action="/identification/{identification.pk}/proceedings/"' not in page
    refused = client.post(f"/identification/{identification.pk}/proceedings/", POLICE)
    assert refused.status_code == 200
    assert Proceeding.objects.count() == 1


def test_a_proceeding_is_recorded_on_the_case_and_read_with_its_history(client, worker_user, case):
    sign_in(client, worker_user)
    url = f"/cases/{case.pk}/proceedings/"
    assert url in client.get(f"/cases/{case.pk}/").content.decode()
    assert 'name="authority"' in client.get(url).content.decode()
    done = client.post(url, POLICE)
    assert done.status_code == 302
    proceeding = CaseProceeding.objects.get()
    assert "КУ 77/26" not in proceeding.reference
    assert "Београд" not in proceeding.authority
    page = client.get(url).content.decode()
    assert "КУ 77/26" in page
    assert "ПУ за Град Београд" in page
    assert "КУ 77/26" in client.get(f"/cases/{case.pk}/").content.decode()
    assert events(action=Action.CREATE, object_type="case_proceeding")
    reads = events(actor=worker_user, action=Action.VIEW)
    assert ("case", str(case.pk)) in {(e.object_type, e.object_id) for e in reads}


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"authority": ""}, "authority"), ({"reference": ""}, "reference"),
     ({"consent": "given"}, "consent_on"), ({"stage": "tribunal"}, "stage"),
     ({"consent": "given", "consent_on": "31.12.2999"}, "consent_on")],
)  # fmt: skip
def test_an_incomplete_proceeding_is_refused_at_its_field(client, worker_user, case, changes,
                                                          field):  # fmt: skip
    sign_in(client, worker_user)
    response = client.post(f"/cases/{case.pk}/proceedings/", {**POLICE, **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    if changes.get("authority", "x"):
        assert "ПУ за Град Београд" in response.content.decode()  # what was typed is kept
    assert not CaseProceeding.objects.exists()


def test_a_change_keeps_the_earlier_state_in_the_history(client, worker_user, case):
    proceeding = proceeding_add(actor=worker_user, case=case, data=ProceedingInput(**POLICE))
    sign_in(client, worker_user)
    url = f"/cases/proceedings/{proceeding.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    assert "КУ 77/26" in form.content.decode()  # the present state, to change
    done = client.post(url, {
        "stage": "prosecution", "authority": "Више јавно тужилаштво", "reference": "КТ 5/26",
        "role": "both", "consent": "given", "consent_on": "01.12.2026", "version": 1,
        "note": "Предмет је прослеђен тужилаштву.",
    })  # fmt: skip
    assert done.status_code == 302
    proceeding.refresh_from_db()
    assert (proceeding.stage, proceeding.consent, proceeding.version) == ("prosecution", "given", 2)
    states = list(ProceedingChange.objects.filter(proceeding=proceeding))
    assert [s.stage for s in states] == ["police", "prosecution"]
    assert "тужилаштву" not in states[1].note  # encrypted
    page = client.get(f"/cases/{case.pk}/proceedings/").content.decode()
    assert "КУ 77/26" in page
    assert "КТ 5/26" in page
    assert "Предмет је прослеђен" in page
    assert events(action=Action.UPDATE, object_type="case_proceeding")


def test_a_bad_or_stale_change_is_refused_and_nothing_changes(client, worker_user, case):
    proceeding = proceeding_add(actor=worker_user, case=case, data=ProceedingInput(**POLICE))
    sign_in(client, worker_user)
    url = f"/cases/proceedings/{proceeding.pk}/"
    refused = client.post(url, {**POLICE, "consent": "refused", "version": 1,
                                "note": "Особа не жели да сведочи."})  # fmt: skip
    assert refused.status_code == 200
    assert "consent_on" in refused.context["form"].errors
    assert "Особа не жели да сведочи." in refused.content.decode()
    same = client.post(url, {**POLICE, "version": 1})
    assert "stage" in same.context["form"].errors  # nothing has changed
    with pytest.raises(Conflict):
        proceeding_change(
            actor=worker_user,
            proceeding=proceeding,
            note="",
            data=ProceedingInput(**{**POLICE, "role": "both"}),
            version=0,
        )
    assert ProceedingChange.objects.filter(proceeding=proceeding).count() == 1


def test_proceedings_of_a_case_outside_the_scope_are_not_found(client, make_user, worker_user,
                                                               case):  # fmt: skip
    proceeding = proceeding_add(actor=worker_user, case=case, data=ProceedingInput(**POLICE))
    for role in ("worker", "partner_reporter"):
        sign_in(client, make_user(role))
        for url in (f"/cases/{case.pk}/proceedings/", f"/cases/proceedings/{proceeding.pk}/"):
            missing = url.replace(f"/{case.pk}/", f"/{MISSING}/").replace(
                f"/{proceeding.pk}/", f"/{MISSING}/"
            )
            assert client.get(url).status_code == client.get(missing).status_code == 404
            assert client.post(url, POLICE).status_code == 404
    assert CaseProceeding.objects.count() == 1


def test_a_closed_case_keeps_its_proceedings_read_only(client, worker_user, head, case):
    proceeding = proceeding_add(actor=worker_user, case=case, data=ProceedingInput(**POLICE))
    close_case(worker_user, head, case)
    sign_in(client, worker_user)
    page = client.get(f"/cases/{case.pk}/proceedings/")
    assert page.status_code == 200
    assert 'name="authority"' not in page.content.decode()
    with pytest.raises(ValidationError):
        proceeding_add(actor=worker_user, case=case, data=ProceedingInput(**POLICE))
    with pytest.raises(ValidationError):
        proceeding_change(
            actor=worker_user,
            proceeding=proceeding,
            note="",
            data=ProceedingInput(**{**POLICE, "role": "both"}),
            version=1,
        )
