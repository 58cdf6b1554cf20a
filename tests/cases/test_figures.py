"""What the Center can prove, and what protection costs: the director's figures computed
from the records for a period, each with its exceptions by case number; the costs per year,
kind, funding source and case, exported as CSV and XLSX and read back. A worker finds
neither page; a period ending before it starts, or a year out of range, comes back at its
field."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from zastita.cases.engagements import services as engagements
from zastita.cases.engagements.services import EngagementInput
from zastita.cases.monitoring.services import ContactInput, contact_record
from zastita.cases.plans import services as plans
from zastita.cases.proceedings.services import ProceedingInput, proceeding_add
from zastita.cases.services import case_open
from zastita.partners.models import Provider, ProviderKind

from ..conftest import events, sign_in
from .plan_helpers import approve

pytestmark = pytest.mark.django_db


def _period(days: int = 0) -> dict[str, str]:
    today = timezone.localdate()
    return {"start": (today - datetime.timedelta(days=30)).strftime("%d.%m.%Y"),
            "end": (today + datetime.timedelta(days=days)).strftime("%d.%m.%Y")}  # fmt: skip


def _engage(worker, case, kind, provider, cost="8000"):
    today = timezone.localdate()
    return engagements.engagement_add(actor=worker, case=case, data=EngagementInput(
        kind=kind, provider=provider, requested_on=today, started_on=today, ended_on=None,
        units=Decimal("2"), unit="hours", cost=Decimal(cost), funding="donor",
        funding_source="Фонд за помоћ",
    ))  # fmt: skip


@pytest.fixture
def identified(worker_user, head, identification, decide):
    """An identified victim's case with its initial plan approved, whose goal the person
    agreed to share with a lawyer and a psychotherapist; a court proceeding recorded."""
    decide(identification)
    case = case_open(actor=worker_user, identification=identification)
    plan = plans.plan_start(actor=worker_user, case=case, kind="initial")
    goal = plans.goal_add(actor=worker_user, plan=plan, text="Да сведочи.", version=plan.version)
    providers = {
        "lawyer_court": Provider.objects.create(kind=ProviderKind.LAWYER, professional="Адв. А"),
        "psychotherapist": Provider.objects.create(kind=ProviderKind.PSYCHOTHERAPIST,
                                                   professional="Псих. Б"),
    }  # fmt: skip
    for provider in providers.values():
        plan.refresh_from_db()
        plans.sharing_add(actor=worker_user, plan=plan, goal_id=goal.pk, provider=provider,
                          consented_on=timezone.localdate(), version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    plans.task_add(actor=worker_user, plan=plan, goal_id=goal.pk, text="Рочиште.",
                   responsible="person", worker=None, provider=None,
                   due_on=plan.plan_date + datetime.timedelta(days=9),
                   version=plan.version)  # fmt: skip
    approve(worker_user, head, plan)
    proceeding_add(
        actor=worker_user,
        case=case,
        data=ProceedingInput(
            stage="court", authority="Виши суд", reference="К 1/26", role="witness"
        ),
    )
    return case, providers


def _figures(client, user, data):
    sign_in(client, user)
    return client.get("/cases/figures/", data)


def test_the_figures_count_the_support_and_list_the_cases_without_it(
    client, make_user, worker_user, identified
):
    case, providers = identified
    director = make_user("director")
    result = _figures(client, director, _period()).context["result"]
    psychological, legal, court = result.figures[1], result.figures[2], result.figures[3]
    for figure in (psychological, legal, court):
        assert (figure.count, figure.of, figure.exceptions) == (0, 1, [case.number])
    assert result.median.days == 0  # decided and planned the same day
    assert result.median.of == 1
    _engage(worker_user, case, "psychotherapist", providers["psychotherapist"])
    _engage(worker_user, case, "lawyer_court", providers["lawyer_court"])
    page = _figures(client, director, _period())
    result = page.context["result"]
    for figure in result.figures[1:]:
        assert (figure.count, figure.of, figure.exceptions) == (1, 1, [])
    assert "Идентификоване жртве са правном подршком" in page.content.decode()
    # A period that ends before the decision counts nobody.
    before = {"start": "01.01.2020", "end": "31.12.2020"}
    assert _figures(client, director, before).context["result"].figures[1].of == 0


def test_a_presumed_victim_is_counselled_once_a_contact_with_them_is_recorded(
    client, make_user, worker_user, identification, decide
):
    decide(identification, status="presumed")
    head = make_user("head_of_service")
    # Before any case is opened, the person is listed by their code.
    counselled = _figures(client, head, _period()).context["result"].figures[0]
    assert counselled.exceptions == [f"{identification.person.code} (случај није отворен)"]
    case = case_open(actor=worker_user, identification=identification)
    counselled = _figures(client, head, _period()).context["result"].figures[0]
    assert (counselled.count, counselled.of, counselled.exceptions) == (0, 1, [case.number])
    contact_record(actor=worker_user, case=case, data=ContactInput(
        with_whom="person", mode="office", held_on=timezone.localdate(), minutes=40,
        notes="Информисана о правима.",
    ))  # fmt: skip
    counselled = _figures(client, head, _period()).context["result"].figures[0]
    assert (counselled.count, counselled.exceptions) == (1, [])


def test_a_worker_finds_neither_the_figures_nor_the_costs(client, worker_user, identified):
    sign_in(client, worker_user)
    for url in ("/cases/figures/", "/cases/costs/", "/cases/costs/export.csv",
                "/cases/costs/export.xlsx"):  # fmt: skip
        assert client.get(url).status_code == 404


def test_a_period_ending_before_it_starts_comes_back_at_its_field(client, make_user):
    page = _figures(client, make_user("director"), {"start": "10.10.2026", "end": "01.10.2026"})
    assert page.status_code == 200
    assert page.context["form"].errors["end"]
    assert page.context["result"] is None
    assert "10.10.2026" in page.content.decode()


def test_the_costs_per_year_kind_funding_and_case_and_their_exports(
    client, make_user, worker_user, head, identified
):
    case, providers = identified
    _engage(worker_user, case, "psychotherapist", providers["psychotherapist"], cost="12000")
    _engage(worker_user, case, "lawyer_court", providers["lawyer_court"], cost="20000")
    pending = _engage(
        worker_user, case, "lawyer_court", providers["lawyer_court"], cost="90000"
    )  # above the threshold: waits for the head of service
    assert pending.decision == "pending"
    year = timezone.localdate().year
    director = make_user("director")
    sign_in(client, director)
    page = client.get("/cases/costs/", {"year": year})
    assert f'href="/cases/{case.pk}/"' in page.content.decode()  # the costliest case's page
    summary = page.context["summary"]
    assert summary.total == Decimal("32000")
    assert summary.services == 2
    assert dict((label, total) for label, total, _n in summary.by_funding) == {
        "донатор": Decimal("32000")
    }
    assert [(number, total) for _id, number, total, _n in summary.top_cases] == [
        (case.number, Decimal("32000"))
    ]
    assert summary.years == [(year, Decimal("32000"), 2)]
    response = client.get("/cases/costs/export.csv", {"year": year})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert rows[0][1] == "Број предмета"
    assert {row[1] for row in rows[1:]} == {case.number}
    assert sorted(Decimal(row[-1]) for row in rows[1:]) == [Decimal("12000"), Decimal("20000")]
    response = client.get("/cases/costs/export.xlsx", {"year": year})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 3
    assert {row[1] for row in values[1:]} == {case.number}
    assert "Фонд за помоћ" in {row[5] for row in values[1:]}
    assert len(events(action="export", object_type="protection_costs")) == 2


@pytest.mark.parametrize("year", ["abc", "1999", "3000"])
def test_a_year_out_of_range_comes_back_at_its_field(client, make_user, year):
    sign_in(client, make_user("director"))
    page = client.get("/cases/costs/", {"year": year})
    assert page.status_code == 200
    assert page.context["form"].errors["year"]
    assert page.context["summary"] is None
    assert client.get("/cases/costs/export.csv", {"year": year}).status_code == 400


def _sums() -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    from zastita.cases.models import CaseCost, CostCell

    return (
        {(c.year, c.kind, c.funding, c.total, c.services)
         for c in CostCell.objects.filter(services__gt=0)},
        {(c.case_id, c.year, c.total, c.services) for c in CaseCost.objects.all()},
    )  # fmt: skip


def test_the_sums_kept_by_the_writes_equal_the_sums_recomputed(
    make_user, worker_user, head, identified
):
    """Every write that changes what a service counts for keeps the sums the cost page
    reads: a service added, one waiting then approved, one refused, one ended; a second
    case. They equal the sums recomputed from the services, and the page's totals."""
    from zastita.cases.engagements.sums import rebuild
    from zastita.cases.figures.costs import cost_summary
    from zastita.cases.services import case_open_pending
    from zastita.people.identity import Identity
    from zastita.people.services import person_create

    case, providers = identified
    _engage(worker_user, case, "psychotherapist", providers["psychotherapist"], cost="12000")
    waiting = _engage(worker_user, case, "lawyer_court", providers["lawyer_court"], cost="90000")
    refused = _engage(worker_user, case, "lawyer_court", providers["lawyer_court"], cost="95000")
    ended = _engage(worker_user, case, "lawyer_court", providers["lawyer_court"], cost="500")
    engagements.engagement_decide(actor=head, engagement=waiting, approve=True,
                                  reasons="Потребан адвокат на суђењу.", version=1)  # fmt: skip
    engagements.engagement_decide(actor=head, engagement=refused, approve=False,
                                  reasons="Већ је ангажован адвокат.", version=1)  # fmt: skip
    engagements.engagement_end(actor=worker_user, engagement=ended, outcome="Обављено.",
                               ended_on=timezone.localdate(), version=1)  # fmt: skip
    person = person_create(actor=head, identity=Identity(first_name="Друга", last_name="Особа"),
                           birth_year=1990)  # fmt: skip
    other = case_open_pending(actor=head, person=person, reason="Особи је потребна заштита.")
    engagements.engagement_add(actor=head, case=other, data=EngagementInput(
        kind="transport", provider=None, requested_on=timezone.localdate(), started_on=None,
        ended_on=None, units=None, unit="", cost=Decimal("1500"), funding="budget",
    ))  # fmt: skip
    kept = _sums()
    summary = cost_summary(actor=make_user("director"), year=None)
    assert summary.total == Decimal("12000") + Decimal("90000") + Decimal("500") + Decimal("1500")
    assert summary.services == 4
    assert [(number, total) for _id, number, total, _n in summary.top_cases] == [
        (case.number, Decimal("102500")),
        (other.number, Decimal("1500")),
    ]
    rebuild()
    assert _sums() == kept
