"""My work and the workload in the browser, with synthetic data: a worker's reports (their
own and one shared with them) by next deadline, their identification, a form returned to
them, a notification; the head of service's workload. Both pass axe; with
ZASTITA_SCREENSHOT_DIR=docs/screenshots the images are kept."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from django.utils import timezone

from zastita.assignments.services import Assignment, assignment_set
from zastita.identification.models import FormKind
from zastita.identification.services import form_save, identification_start
from zastita.intake.models import Report
from zastita.intake.services import PersonInput, report_create, report_transition
from zastita.people.identity import Identity
from zastita.people.services import person_create
from zastita.writtenforms.public import WrittenForm, form_return

from ..conftest import PASSWORD
from ..identification.test_form_documents import SECTIONS
from ..intake.conftest import report_input
from .conftest import sign_in_browser
from .test_accessibility import check


def _staff(make_user, role: str, username: str, full_name: str):
    user = make_user(role, username=username)
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    return user


def test_my_work_and_the_workload(page_factory, live_server, make_user, tmp_path):
    worker = _staff(make_user, "worker", "ana.mw", "Ана Пробна")
    colleague = _staff(make_user, "worker", "marko.mw", "Марко Огледни")
    head = _staff(make_user, "head_of_service", "jovana.mw", "Јована Узорна")
    now = timezone.now()
    # The worker's reports, received at different times (their clocks fall due in turn).
    mine = []
    for hours in (1, 5, 20):
        report = report_create(actor=worker, data=report_input(
            received_at=now - datetime.timedelta(hours=hours)))  # fmt: skip
        mine.append(report_transition(actor=worker, report=report, to="registered"))
    # A colleague's report the head shares with the worker (they are told of it).
    shared = report_create(actor=colleague, data=report_input())
    shared = report_transition(actor=colleague, report=shared, to="registered")
    shared = Report.objects.get(pk=shared.pk)
    assignment_set(actor=head, subject_type="report", subject_id=shared.pk,
                   version=shared.version,
                   chosen=Assignment(assignee=colleague, coworkers=(worker,)))  # fmt: skip
    # A report of the colleague's alone, not on the worker's page.
    hidden = report_create(actor=colleague, data=report_input())
    # The worker's identification and its findings, returned by the head with comments.
    person = person_create(actor=worker, identity=Identity(first_name="Зорица", last_name="Тест"),
                           birth_year=1994)  # fmt: skip
    accepted = report_create(actor=worker, data=report_input(
        persons=[PersonInput(person_id=person.pk, is_child=False)],
        received_at=now - datetime.timedelta(hours=3)))  # fmt: skip
    accepted = report_transition(actor=worker, report=accepted, to="registered")
    accepted = report_transition(actor=worker, report=accepted, to="accepted")
    identification = identification_start(
        actor=worker, report_person=accepted.persons.get(person__isnull=False)
    )
    form_save(actor=worker, identification=identification, kind=FormKind.FINDINGS,
              sections=SECTIONS, base_version=0)  # fmt: skip
    form = WrittenForm.objects.get(subject_type="identification", subject_id=identification.pk)
    form_return(actor=head, form=form, version=1, comments="Допунити налаз датумима.")

    shots = Path(os.environ.get("ZASTITA_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page = page_factory()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_browser(page, live_server.url, worker, PASSWORD)
    page.get_by_role("link", name="Мој посао", exact=True).click()
    page.wait_for_url(f"{live_server.url}/my-work/")
    main = page.locator("main").inner_text()
    for report in [*mine, shared, accepted]:
        assert report.number in main
    assert hidden.number not in main
    assert "Зорица" not in main
    assert "Обрасци враћени вама с примедбама" in main
    check(page, "my work (sr)")
    page.screenshot(path=str(shots / "my-work-sr-cyrillic.png"), full_page=True)

    page = page_factory()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_browser(page, live_server.url, head, PASSWORD)
    page.goto(f"{live_server.url}/assignments/workload/")
    main = page.locator("main").inner_text()
    assert "Ана Пробна" in main
    assert "Марко Огледни" in main
    check(page, "workload (sr)")
    page.screenshot(path=str(shots / "workload-sr-cyrillic.png"), full_page=True)
    assert not page.console_errors
