"""The targets page: success, forbidden-as-404 (the missing page, byte for byte, and
recorded as a refusal) and invalid input, with the toy kind."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from zastita.audit.models import Action
from zastita.deadlines.models import DeadlineTarget

from ..conftest import events, normalise, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.deadlines.urls")]
URL = "/deadlines/targets/"


def _toy_rows(page) -> list:
    """The page's rows of the toy kind (the project's own kinds are listed too)."""
    return [(row, form) for row, form in page.context["rows"] if row.kind.code == "toy.repair"]


def _row_index(page, key: str) -> int:
    return [row.key for row, _form in page.context["rows"]].index(key)


def _post(toy, **data: object) -> dict[str, object]:
    return {"target": f"{toy.kind.code}:urgent", "version": 0, "amount": 3, "unit": "hours",
            "warn_at_percent": "80, 50", **data}  # fmt: skip


def test_the_head_of_service_sets_a_target_in_days_and_new_deadlines_use_it(client, toy, head):
    sign_in(client, head)
    assert reverse("deadlines:targets") == URL
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Toy repair" in html
    assert [row.variant for row, _form in _toy_rows(page)] == ["urgent", "ordinary"]
    # The defaults are shown in hours or days: 2 hours and 10 hours.
    forms = [form for _row, form in _toy_rows(page)]
    shown = [(f.initial["amount"], f.initial["unit"]) for f in forms]
    assert shown == [(2, "hours"), (10, "hours")]
    response = client.post(URL, _post(toy, amount=2, unit="days"))
    assert response.status_code == 302
    target = DeadlineTarget.objects.get(kind=toy.kind.code)
    assert (target.kind, target.variant, target.version) == (toy.kind.code, "urgent", 1)
    assert (target.target, target.warn_at_percent) == (datetime.timedelta(days=2), [50, 80])
    assert target.changed_by == head
    assert events(action=Action.UPDATE, object_type="deadline_target", actor=head)
    again = client.get(URL)
    _row, form = _toy_rows(again)[0]
    assert (form.initial["amount"], form.initial["unit"], form.initial["version"]) == (
        2, "days", 1)  # fmt: skip
    assert head.full_name in again.content.decode()


def test_the_director_reads_the_targets_without_forms(client, toy, director):
    page = sign_in(client, director).get(URL)
    assert page.status_code == 200
    assert '<form method="post" class="inline"' not in page.content.decode()
    assert "2 hours" in page.content.decode() or "2 сата" in page.content.decode()


@pytest.mark.parametrize("role", ["analyst", "administrator", "dpo", "partner_reporter"])
def test_the_targets_are_not_found_for_the_others(client, toy, make_user, role):
    user = make_user(role)
    sign_in(client, user)
    forbidden = client.get(URL)
    missing = client.get("/deadlines/nothing-here/")
    assert forbidden.status_code == missing.status_code == 404
    assert normalise(forbidden.content).replace(URL, "URL") == normalise(missing.content).replace(
        "/deadlines/nothing-here/", "URL"
    )
    assert client.post(URL, _post(toy)).status_code == 404
    assert not DeadlineTarget.objects.filter(kind=toy.kind.code).exists()
    assert Action.DENIED in {e.action for e in events(actor=user)}


@pytest.mark.parametrize("role", ["director", "worker", "duty_worker"])
def test_only_the_head_of_service_changes_a_target(client, toy, make_user, role):
    sign_in(client, make_user(role))
    assert client.get(URL).status_code == 200  # they read the targets
    refused = client.post(URL, _post(toy))
    assert refused.status_code == 404
    assert not DeadlineTarget.objects.filter(kind=toy.kind.code).exists()


def test_a_target_for_no_kind_on_the_page_is_not_found(client, toy, head):
    response = sign_in(client, head).post(URL, _post(toy, target="intake.nothing:"))
    assert response.status_code == 404
    assert not DeadlineTarget.objects.filter(kind=toy.kind.code).exists()


@pytest.mark.parametrize(("data", "field"), [
    ({"amount": "0"}, "amount"),
    ({"amount": "half"}, "amount"),
    ({"amount": ""}, "amount"),
    ({"amount": "400", "unit": "days"}, "amount"),
    ({"unit": "minutes"}, "unit"),
    ({"warn_at_percent": "0, 120"}, "warn_at_percent"),
    ({"warn_at_percent": "half"}, "warn_at_percent"),
])  # fmt: skip
def test_a_target_refuses_impossible_values(client, toy, head, data, field):
    response = sign_in(client, head).post(URL, _post(toy, **data))
    assert response.status_code == 200
    shown = [form for _row, form in response.context["rows"] if form.is_bound]
    assert field in shown[0].errors
    # The errors are at the row's own fields, and the summary links to them.
    html = response.content.decode()
    row = _row_index(response, f"{toy.kind.code}:urgent")
    assert f'id="id_t{row}_{field}_error"' in html
    assert f'href="#id_t{row}_{field}"' in html
    assert not DeadlineTarget.objects.filter(kind=toy.kind.code).exists()


def test_a_stale_page_is_told_of_the_conflict(client, toy, head):
    sign_in(client, head)
    assert client.post(URL, _post(toy)).status_code == 302
    stale = client.post(URL, _post(toy, amount=5))
    assert stale.status_code == 200
    shown = [form for _row, form in stale.context["rows"] if form.is_bound]
    assert shown[0].non_field_errors()
    assert DeadlineTarget.objects.get(kind=toy.kind.code).target == datetime.timedelta(hours=3)
