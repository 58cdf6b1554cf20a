"""In the browser: the person at the centre. A worker opens a person's page and finds their
report and identification there, each with its status; on a report, a destructive step
(reject) looks apart and asks in a dialog, saying what will happen, before it is taken.
axe finds nothing wrong on either page, the dialog open included."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zastita.identification.services import identification_start
from zastita.intake.models import Report, Status
from zastita.intake.services import PersonInput, report_create, report_transition
from zastita.people.identity import Identity
from zastita.people.services import person_create

from ..conftest import PASSWORD
from ..intake.conftest import report_input
from .conftest import sign_in_browser
from .test_accessibility import check

pytestmark = [pytest.mark.browser]


def test_the_person_page_lists_their_report_and_identification(page_factory, live_server,
                                                                 make_user):  # fmt: skip
    worker = make_user("worker", username="radnik.centar")
    person = person_create(actor=worker, identity=Identity(first_name="Вера", last_name="Тест"),
                           birth_year=1990)  # fmt: skip
    report = report_create(actor=worker, data=report_input(
        persons=[PersonInput(person_id=person.pk, is_child=False)],
        received_at=timezone.now() - datetime.timedelta(hours=2),
    ))  # fmt: skip
    report = report_transition(actor=worker, report=report, to=Status.REGISTERED)
    report = report_transition(actor=worker, report=report, to=Status.ACCEPTED)
    identification = identification_start(actor=worker, report_person=report.persons.get())
    report.refresh_from_db()

    page = page_factory()
    sign_in_browser(page, live_server.url, worker, PASSWORD)
    page.goto(f"{live_server.url}/people/{person.pk}/")
    reports = page.get_by_role("region", name="Пријаве")
    link = reports.get_by_role("link", name=f"Пријава {report.number}")
    assert link.is_visible()
    assert "прихваћена ради идентификације" in reports.inner_text()  # its status in words
    assert "Одлука о поднетој пријави · издат" in reports.inner_text()  # its documents
    identifications = page.get_by_role("region", name="Идентификације")
    assert identifications.get_by_role(
        "link", name=f"Идентификација по пријави {report.number}"
    ).is_visible()
    assert "Нема одлуке на снази." in identifications.inner_text()
    check(page, "person page with its records")
    # The link opens the identification.
    identifications.get_by_role("link").first.click()
    page.wait_for_url(f"{live_server.url}/identification/{identification.pk}/")


def test_rejecting_a_report_asks_first_and_says_what_will_happen(page_factory, live_server,
                                                                 make_user):  # fmt: skip
    worker = make_user("worker", username="radnik.odbija")
    report = report_create(actor=worker, data=report_input())
    report = report_transition(actor=worker, report=report, to=Status.REGISTERED)
    page = page_factory()
    sign_in_browser(page, live_server.url, worker, PASSWORD)
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    step = page.get_by_role("form", name="Одбиј")
    # Apart from the main action: red, and not the first step offered.
    button = step.get_by_role("button", name="Одбиј")
    assert "button-danger" in (button.get_attribute("class") or "")
    first = page.locator(".steps form").first.get_by_role("button")
    assert "button-danger" not in (first.get_attribute("class") or "")
    step.get_by_label("Разлог").fill("Пријава се не односи на трговину људима.")
    button.click()
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for(state="visible")
    assert "Пријава ће бити одбијена" in dialog.inner_text()
    check(page, "rejection confirmation")
    # "No" is where the focus is: Enter goes back, and nothing happens.
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden")
    assert Report.objects.get(pk=report.pk).status == Status.REGISTERED
    # Asked again, and confirmed: the report is rejected.
    button.click()
    dialog.get_by_role("button", name="Одбиј").click()
    page.wait_for_url(f"{live_server.url}/reports/{report.pk}/")
    page.wait_for_load_state()
    assert Report.objects.get(pk=report.pk).status == Status.REJECTED
