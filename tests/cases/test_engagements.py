"""Services arranged for a case: with a provider the person agreed to share with, dates,
quantity, cost and who pays; above the configured cost the head of service decides; bad
input is refused at its field; a case with an open service or task is not closed, and the
message names them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from zastita.cases.engagements import services
from zastita.cases.engagements.services import EngagementInput
from zastita.cases.models import Decision, Engagement
from zastita.cases.plans import services as plans
from zastita.cases.services import case_open
from zastita.core.errors import NotFound, PermissionDenied, ValidationError
from zastita.partners.models import Provider, ProviderKind

from ..conftest import sign_in
from .plan_helpers import close_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(worker_user, identification, decide):
    decide(identification)
    return case_open(actor=worker_user, identification=identification)


@pytest.fixture
def interpreter(case, worker_user):
    """An interpreter the person agreed, in the plan, to share a goal with."""
    provider = Provider.objects.create(
        kind=ProviderKind.INTERPRETER, professional="Преводилац Тест", languages=["ara"]
    )
    plan = plans.plan_start(actor=worker_user, case=case, kind="initial")
    goal = plans.goal_add(actor=worker_user, plan=plan, text="Да разуме поступак.",
                          version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    plans.sharing_add(actor=worker_user, plan=plan, goal_id=goal.pk, provider=provider,
                      consented_on=timezone.localdate(), version=plan.version)  # fmt: skip
    return provider


def _input(**changes):
    today = timezone.localdate()
    data = {"kind": "interpreter", "provider": None, "requested_on": today,
            "started_on": today, "ended_on": None, "units": Decimal("4"), "unit": "hours",
            "cost": Decimal("12000"), "funding": "budget", "funding_source": ""}  # fmt: skip
    return EngagementInput(**{**data, **changes})


def test_a_service_with_a_consented_provider_is_arranged(worker_user, case, interpreter):
    engagement = services.engagement_add(actor=worker_user, case=case,
                                         data=_input(provider=interpreter))  # fmt: skip
    assert engagement.decision == Decision.NOT_NEEDED
    assert engagement.cost == Decimal("12000")


def test_a_provider_the_person_did_not_consent_to_is_refused(worker_user, case):
    lawyer = Provider.objects.create(kind=ProviderKind.LAWYER, professional="Адвокат Тест")
    with pytest.raises(ValidationError) as refused:
        services.engagement_add(actor=worker_user, case=case,
                                data=_input(kind="lawyer", provider=lawyer))  # fmt: skip
    assert "provider" in refused.value.fields
    assert not Engagement.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cost": Decimal("-1")}, "cost"),
        ({"cost": Decimal("5000000")}, "cost"),
        ({"ended_on": timezone.localdate() - datetime.timedelta(days=1)}, "ended_on"),
        ({"funding": "donor", "funding_source": ""}, "funding_source"),
        ({"units": Decimal("0")}, "units"),
    ],
)
def test_bad_input_is_refused_at_its_field(worker_user, case, changes, field):
    with pytest.raises(ValidationError) as refused:
        services.engagement_add(actor=worker_user, case=case, data=_input(**changes))
    assert field in refused.value.fields
    assert not Engagement.objects.exists()


def test_above_the_configured_cost_the_head_of_service_decides(worker_user, head, case,
                                                               interpreter, settings):  # fmt: skip
    settings.ZASTITA_ENGAGEMENT_DECISION_ABOVE = 10_000
    engagement = services.engagement_add(actor=worker_user, case=case,
                                         data=_input(provider=interpreter))  # fmt: skip
    assert engagement.decision == Decision.PENDING
    with pytest.raises(PermissionDenied):
        services.engagement_decide(actor=worker_user, engagement=engagement, approve=True,
                                   reasons="Потребан је преводилац.", version=1)  # fmt: skip
    with pytest.raises(ValidationError):
        services.engagement_end(
            actor=worker_user,
            engagement=engagement,
            ended_on=timezone.localdate(),
            outcome="Готово.",
            version=1,
        )
    decided = services.engagement_decide(actor=head, engagement=engagement, approve=True,
                                         reasons="Потребан је преводилац за саслушање.",
                                         version=1)  # fmt: skip
    assert decided.decision == Decision.APPROVED
    assert decided.decided_by == head
    assert (
        "преводилац" not in Engagement.objects.values_list("decision_reasons", flat=True).get()
    )  # encrypted


def test_closing_is_refused_while_a_service_is_open_and_the_message_names_it(
    worker_user, head, case, interpreter
):
    engagement = services.engagement_add(actor=worker_user, case=case,
                                         data=_input(provider=interpreter))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        close_case(worker_user, head, case)
    assert "Преводилац Тест" in refused.value.summary()
    case.refresh_from_db()
    assert case.is_open
    services.engagement_end(actor=worker_user, engagement=engagement,
                            ended_on=timezone.localdate(), outcome="Превођено на саслушању.",
                            version=engagement.version)  # fmt: skip
    assert close_case(worker_user, head, case).status == "closed"


def test_a_service_of_a_case_outside_the_scope_is_not_found(make_user, worker_user, case):
    with pytest.raises(NotFound):
        services.engagement_add(actor=make_user("worker"), case=case, data=_input())


# --- the pages ---


def test_the_case_page_arranges_a_service_and_shows_it(client, worker_user, case, interpreter):
    sign_in(client, worker_user)
    today = timezone.localdate().isoformat()
    response = client.post(f"/cases/{case.pk}/services/", {
        "kind": "interpreter", "provider": interpreter.pk, "requested_on": today,
        "started_on": today, "units": "3", "unit": "hours", "cost": "9000", "funding": "budget",
    })  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Преводилац Тест" in page
    assert "9.000,00" in page


def test_a_service_refused_comes_back_at_its_field_with_what_was_typed(client, worker_user,
                                                                       case):  # fmt: skip
    sign_in(client, worker_user)
    today = timezone.localdate().isoformat()
    response = client.post(f"/cases/{case.pk}/services/", {
        "kind": "transport", "requested_on": today, "cost": "-50", "funding": "donor",
        "funding_source": "",
    })  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert {"cost", "funding_source"} <= set(form.errors)
    assert 'value="-50"' in response.content.decode()
    assert not Engagement.objects.exists()


def test_the_services_of_a_case_outside_the_scope_are_not_found(client, make_user, worker_user,
                                                                case):  # fmt: skip
    engagement = services.engagement_add(actor=worker_user, case=case, data=_input())
    sign_in(client, make_user("worker"))
    for url in (
        f"/cases/{case.pk}/services/",
        f"/cases/services/{engagement.pk}/end/",
        f"/cases/services/{engagement.pk}/decide/",
    ):
        missing = url.replace(f"/{case.pk}/", "/999999/").replace(f"/{engagement.pk}/", "/999999/")
        assert client.post(url, {}).status_code == client.post(missing, {}).status_code == 404


def test_ending_a_service_on_the_page(client, worker_user, case):
    engagement = services.engagement_add(actor=worker_user, case=case, data=_input())
    sign_in(client, worker_user)
    url = f"/cases/services/{engagement.pk}/end/"
    assert url in client.get(f"/cases/{case.pk}/").content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="outcome"' in page.content.decode()
    refused = client.post(url, {"version": 1, "ended_on": "2001-01-01", "outcome": "Кратко"})
    assert refused.status_code == 200
    assert "ended_on" in refused.context["form"].errors  # before it started
    assert "Кратко" in refused.content.decode()
    done = client.post(url, {"version": 1, "ended_on": timezone.localdate().isoformat(),
                             "outcome": "Превоз обављен."})  # fmt: skip
    assert done.status_code == 302
    assert Engagement.objects.get().ended_on == timezone.localdate()


def test_arranging_a_service_is_a_page_of_its_own(client, worker_user, case):
    sign_in(client, worker_user)
    url = f"/cases/{case.pk}/services/"
    case_page = client.get(f"/cases/{case.pk}/").content.decode()
    assert url in case_page
    assert 'name="funding_source"' not in case_page  # no form of a section on the case
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["requested_on"].value() == timezone.localdate()
    done = client.post(url, {"kind": "transport", "requested_on": timezone.localdate(),
                             "cost": "800", "funding": "budget"})  # fmt: skip
    assert done.status_code == 302
    assert Engagement.objects.get().cost == Decimal("800")


def test_the_head_of_service_decides_on_a_page_of_its_own(client, worker_user, head, case):
    engagement = services.engagement_add(actor=worker_user, case=case,
                                         data=_input(cost=Decimal("900000")))  # fmt: skip
    url = f"/cases/services/{engagement.pk}/decide/"
    sign_in(client, worker_user)
    assert url not in client.get(f"/cases/{case.pk}/").content.decode()
    assert client.get(url).status_code == 404  # a worker does not decide
    sign_in(client, head)
    assert url in client.get(f"/cases/{case.pk}/").content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="reasons"' in page.content.decode()
    refused = client.post(url, {"version": engagement.version, "approve": "yes", "reasons": ""})
    assert refused.status_code == 200
    assert "reasons" in refused.context["form"].errors
    done = client.post(url, {"version": engagement.version, "approve": "yes",
                             "reasons": "У оквиру средстава пројекта."})  # fmt: skip
    assert done.status_code == 302
    assert Engagement.objects.get().decision == Decision.APPROVED
    again = client.get(url)
    assert again.context["form"] is None
    assert "Одлука о овој услузи је већ евидентирана." in again.content.decode()


def test_a_closed_case_offers_no_form_and_a_reader_gets_not_found(
    client, make_user, worker_user, head, case
):
    url = f"/cases/{case.pk}/services/"
    close_case(worker_user, head, case)
    sign_in(client, worker_user)
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"] is None
    assert "Случај је затворен" in page.content.decode()
    sign_in(client, make_user("director"))  # reads every case, works on none
    assert client.get(url).status_code == 404


def test_the_services_table_shows_each_service_in_order_and_escapes_what_was_typed(
    client, worker_user, case
):
    """The table's rows are written in Python (`engagements/table.py`): what a worker typed
    is escaped, the services come oldest first, and each shows its labels and its dates."""
    today = timezone.localdate()
    later = services.engagement_add(actor=worker_user, case=case, data=_input(
        kind="transport", funding="donor", funding_source="<b>Фонд</b> & друг",
        requested_on=today, started_on=today))  # fmt: skip
    earlier = services.engagement_add(actor=worker_user, case=case, data=_input(
        requested_on=today - datetime.timedelta(days=3),
        started_on=today - datetime.timedelta(days=2)))  # fmt: skip
    sign_in(client, worker_user)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "<b>Фонд</b>" not in page
    assert "&lt;b&gt;Фонд&lt;/b&gt; &amp; друг" in page
    assert page.index(f'id="service-{earlier.pk}"') < page.index(f'id="service-{later.pk}"')
    row = page[page.index(f'id="service-{earlier.pk}"') : page.index(f'id="service-{later.pk}"')]
    assert "преводилац" in row
    assert "4 сати" in row
    assert "12.000,00" in row
    started = (today - datetime.timedelta(days=2)).strftime("%-d.%m.%Y.")
    assert started in row
    assert f'href="/cases/services/{earlier.pk}/end/"' in row
