"""In the browser, the platform under the Center's work: a report registered and decided gets
its official note and decision as numbered documents that never change (downloaded a day
apart, the bytes are the same); the findings and opinion are returned with comments,
revised, approved by a second person and issued as a numbered document."""

from __future__ import annotations

import datetime
import re
import subprocess

import time_machine
from django.utils import timezone

from zastita.documents.models import Document

from ..conftest import PASSWORD, share
from ..intake.conftest import report_input
from .conftest import sign_in_browser


def _pdf_text(data: bytes, tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return " ".join(out.split())


def test_the_official_note_is_issued_once_and_downloads_the_same_a_day_later(
    page_factory, live_server, make_user, tmp_path
):
    from zastita.intake.services import PersonInput, report_create
    from zastita.people.identity import Identity
    from zastita.people.services import person_create

    base = live_server.url
    worker = make_user("worker", username="radnica")
    person = person_create(actor=worker, identity=Identity(first_name="Вера", last_name="Тест"),
                           birth_year=1990)  # fmt: skip
    report = report_create(actor=make_user("worker"), data=report_input(
        persons=[PersonInput(person_id=person.pk, is_child=False)]
    ))  # fmt: skip
    share(report, worker)  # a colleague's report, shared with the worker
    page = page_factory()
    sign_in_browser(page, base, worker, PASSWORD)
    # 1. Registered and decided from the report's page.
    page.goto(f"{base}/reports/{report.pk}/")
    page.get_by_role("button", name="Региструј").click()
    page.wait_for_url(f"{base}/reports/{report.pk}/")
    page.get_by_role("button", name="Прихвати ради идентификације").click()
    page.wait_for_url(f"{base}/reports/{report.pk}/")
    note = Document.objects.get(type_code="intake.note", subject_id=report.pk)
    decision = Document.objects.get(type_code="intake.decision", subject_id=report.pk)
    listed = page.locator("#subject-documents-heading + ul").inner_text()
    assert note.registry_number in listed
    assert decision.registry_number in listed

    # 2. The note today, and again a day later: the same bytes, with its registry number.
    url = f"{base}/reports/{report.pk}/note.pdf"
    today = page.request.get(url)
    assert today.status == 200
    assert today.headers["content-type"] == "application/pdf"
    first = today.body()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1), tick=True):
        page.context.clear_cookies()  # a new day, a new sign-in
        sign_in_browser(page, base, worker, PASSWORD)
        second = page.request.get(url).body()
        by_register = page.request.get(f"{base}/documents/{note.pk}/pdf/").body()
    assert first == second == by_register
    text = _pdf_text(first, tmp_path, "note.pdf")
    assert note.registry_number in text
    assert report.number in text
    assert timezone.localtime(note.issued_at).strftime("%d.%m.%Y.") in text
    assert not page.console_errors

    # 3. The findings and opinion: written, returned with comments, revised, approved by
    # the head of service (the author may not approve their own), issued as a document.
    from zastita.identification.services import identification_start

    head = make_user("head_of_service", username="rukovodilac")
    identification = identification_start(actor=worker, report_person=report.persons.get())
    form_url = f"{base}/identification/{identification.pk}/forms/findings/"
    page.goto(form_url)
    page.locator("#id_basis").fill("Разговор у канцеларији Центра.")
    page.locator("#id_findings").fill("Налаз: присутни индикатори принуде на рад.")
    page.locator("#id_opinion").fill("Мишљење тима.")
    page.get_by_role("button", name="Сачувај").click()
    page.wait_for_url(form_url)
    assert page.get_by_role("button", name="Одобри верзију 1").count() == 0  # not the author's

    reviewer = page_factory()
    sign_in_browser(reviewer, base, head, PASSWORD)
    reviewer.goto(form_url)
    reviewer.get_by_label("Примедбе за аутора").fill("Допунити налаз датумом разговора.")
    reviewer.get_by_role("button", name="Врати верзију 1 са примедбама").click()
    reviewer.wait_for_url(form_url)

    page.goto(form_url)
    assert "Допунити налаз датумом разговора." in page.locator("main").inner_text()
    page.locator("#id_findings").fill("Налаз: присутни индикатори принуде на рад, 3. маја.")
    page.get_by_role("button", name="Сачувај").click()
    page.wait_for_url(form_url)

    reviewer.goto(form_url)
    reviewer.get_by_role("button", name="Одобри верзију 2").click()
    reviewer.wait_for_url(re.compile(".*/identification/.*"))
    issued = Document.objects.get(type_code="identification.findings")
    reviewer.goto(f"{base}/identification/{identification.pk}/")
    listed = reviewer.locator("#subject-documents-heading + ul").inner_text()
    assert issued.registry_number in listed
    pdf = reviewer.request.get(f"{base}/documents/{issued.pk}/pdf/").body()
    text = _pdf_text(pdf, tmp_path, "findings.pdf")
    assert "3. маја" in text
    assert issued.registry_number in text
    history = reviewer.request.get(form_url).text()
    assert "Допунити налаз датумом разговора." in history
    assert not reviewer.console_errors
