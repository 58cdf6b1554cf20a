"""In the browser, the platform under the Center's work: a report registered and decided gets
its official note and decision as numbered documents that never change (downloaded a day
apart, the bytes are the same)."""

from __future__ import annotations

import datetime
import subprocess

import time_machine
from django.utils import timezone

from zastita.documents.models import Document

from ..conftest import PASSWORD
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
    from zastita.intake.services import report_create

    base = live_server.url
    worker = make_user("worker", username="radnica")
    report = report_create(actor=make_user("worker"), data=report_input())
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
