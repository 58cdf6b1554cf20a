"""In the browser: from a report, a worker finds or registers the person in place. The person
described on the report is registered with the report's description already in the notes;
a record with the same name is shown first as a likely duplicate; the worker confirms it is
someone else, lands back on the report with the person linked, and finds the report on the
new person's page. No code is copied by hand."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zastita.intake.models import ReportPerson, Status
from zastita.intake.services import PersonInput, report_create, report_transition
from zastita.people.identity import Identity
from zastita.people.services import person_create

from ..conftest import PASSWORD
from ..intake.conftest import report_input
from .conftest import sign_in_browser
from .test_accessibility import check

pytestmark = [pytest.mark.browser]

DESCRIPTION = "жена, око 30, говори румунски"


def test_a_worker_registers_the_described_person_from_the_report(page_factory, live_server,
                                                                 make_user):  # fmt: skip
    worker = make_user("worker", username="radnik.upis")
    namesake = person_create(actor=worker, identity=Identity(first_name="Ана", last_name="Попа"),
                             birth_year=1995)  # fmt: skip
    report = report_create(actor=worker, data=report_input(
        persons=[PersonInput(description=DESCRIPTION, is_child=False)],
        received_at=timezone.now() - datetime.timedelta(hours=2),
    ))  # fmt: skip
    report = report_transition(actor=worker, report=report, to=Status.REGISTERED)
    report = report_transition(actor=worker, report=report, to=Status.ACCEPTED)
    described = report.persons.get()
    base = live_server.url

    page = page_factory()
    sign_in_browser(page, base, worker, PASSWORD)
    page.goto(f"{base}/reports/{report.pk}/")
    page.get_by_role("link", name="Пронађи или упиши у регистар").click()
    page.wait_for_url(f"{base}/reports/persons/{described.pk}/registry/")
    assert DESCRIPTION in page.get_by_role("region", name="Шта пријава каже о особи").inner_text()
    register = page.get_by_role("region", name="Упиши нову особу")
    # What the report says is already in the registry form's notes.
    assert register.get_by_label("Белешке").input_value() == DESCRIPTION
    register.locator("#id_first_name").fill("Ана")
    register.locator("#id_last_name").fill("Попа")
    register.locator("#id_birth_year").fill("1995")
    register.get_by_role("button", name="Упиши и повежи").click()
    page.wait_for_load_state()
    # A likely duplicate first, with the way to link it instead; nothing registered yet.
    duplicates = page.get_by_role("region", name="Ова особа је можда већ у регистру")
    assert namesake.code in duplicates.inner_text()
    assert duplicates.get_by_role("button", name="Повежи овај запис").is_visible()
    check(page, "registering from a report, a likely duplicate shown")
    assert ReportPerson.objects.get(pk=described.pk).person_id is None
    # What was typed is kept; the worker says this is someone else, and registers.
    assert register.locator("#id_first_name").input_value() == "Ана"
    register.get_by_label("Ниједна од наведених особа није ова особа", exact=False).check()
    register.get_by_role("button", name="Упиши и повежи").click()
    page.wait_for_url(f"{base}/reports/{report.pk}/")
    assert "Особа је уписана и повезана са пријавом." in page.inner_text("body")
    described.refresh_from_db()
    person = described.person
    assert person is not None
    assert person != namesake
    persons = page.get_by_role("region", name="Особе на које се пријава односи")
    persons.get_by_role("link", name=person.code).click()
    page.wait_for_url(f"{base}/people/{person.pk}/")
    reports = page.get_by_role("region", name="Пријаве")
    assert reports.get_by_role("link", name=f"Пријава {report.number}").is_visible()
    assert not page.console_errors
