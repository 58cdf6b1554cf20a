"""Aid in kind: the head of service records what a donor gave; what was given is a service
of its kind on a person's case with the donor as its provider; the page shows, per donor and
kind, what was received, given and left, and how many cases it reached. A worker finds no
page, the director reads it without recording; bad input comes back at its field."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from zastita.cases.engagements import services as engagements
from zastita.cases.engagements.services import EngagementInput
from zastita.cases.models import StockReceipt
from zastita.cases.plans import services as plans
from zastita.cases.services import case_open
from zastita.partners.models import Provider, ProviderKind

from ..conftest import events, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def food_bank():
    return Provider.objects.create(kind=ProviderKind.DONOR, professional="Банка хране")


def _receipt(donor, **changes):
    data = {"donor": donor.pk, "kind": "aid_package",
            "received_on": timezone.localdate().strftime("%d.%m.%Y"), "quantity": "100",
            "value": "250000", "description": "100 пакета хране"}  # fmt: skip
    return {**data, **changes}


def test_stock_received_and_given_makes_the_donors_report(
    client, worker_user, head, identification, decide, food_bank
):
    sign_in(client, head)
    response = client.post("/cases/aid/", _receipt(food_bank))
    assert response.status_code == 302
    receipt = StockReceipt.objects.get()
    assert (receipt.quantity, receipt.created_by) == (Decimal("100"), head)
    assert len(events(action="create", object_type="stock_receipt")) == 1
    # Three packages given to a person, from the food bank's stock, with their consent.
    decide(identification)
    case = case_open(actor=worker_user, identification=identification)
    plan = plans.plan_start(actor=worker_user, case=case, kind="initial")
    goal = plans.goal_add(actor=worker_user, plan=plan, text="Храна.", version=plan.version)
    plan.refresh_from_db()
    plans.sharing_add(actor=worker_user, plan=plan, goal_id=goal.pk, provider=food_bank,
                      consented_on=timezone.localdate(), version=plan.version)  # fmt: skip
    today = timezone.localdate()
    engagements.engagement_add(actor=worker_user, case=case, data=EngagementInput(
        kind="aid_package", provider=food_bank, requested_on=today, started_on=today,
        ended_on=None, units=Decimal("3"), unit="items", cost=Decimal("0"),
        funding="in_kind", funding_source="Банка хране",
    ))  # fmt: skip
    page = client.get("/cases/aid/", {"year": today.year})
    (row,) = page.context["summary"].rows
    assert (row.donor, row.received, row.given, row.left, row.people) == (
        "Банка хране",
        Decimal("100"),
        Decimal("3"),
        Decimal("97"),
        1,
    )
    assert page.context["summary"].value == Decimal("250000")
    assert "100 пакета хране" in page.content.decode()


def test_a_worker_finds_no_page_and_the_director_records_nothing(
    client, worker_user, make_user, food_bank
):
    sign_in(client, worker_user)
    assert client.get("/cases/aid/").status_code == 404
    assert client.post("/cases/aid/", _receipt(food_bank)).status_code == 404
    sign_in(client, make_user("director"))
    page = client.get("/cases/aid/")
    assert page.status_code == 200
    assert 'name="quantity"' not in page.content.decode()
    assert client.post("/cases/aid/", _receipt(food_bank)).status_code == 404
    assert not StockReceipt.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": "0"}, "quantity"),
        ({"value": "-5"}, "value"),
        ({"value": "5000000"}, "value"),
        ({"kind": "lawyer"}, "kind"),
        ({"received_on": (timezone.localdate() + datetime.timedelta(days=3)).strftime(
            "%d.%m.%Y")}, "received_on"),
    ],
)  # fmt: skip
def test_bad_stock_comes_back_at_its_field_with_what_was_typed(
    client, head, food_bank, changes, field
):
    sign_in(client, head)
    page = client.post("/cases/aid/", _receipt(food_bank, **changes))
    assert page.status_code == 200
    assert page.context["form"].errors[field]
    assert "100 пакета хране" in page.content.decode()
    assert not StockReceipt.objects.exists()


def test_a_provider_who_is_not_a_donor_is_refused(client, head):
    lawyer = Provider.objects.create(kind=ProviderKind.LAWYER, professional="Адвокат")
    sign_in(client, head)
    page = client.post("/cases/aid/", _receipt(lawyer))
    assert page.context["form"].errors["donor"]
    assert not StockReceipt.objects.exists()
