"""In the browser: a duty worker gets a report, sees its clock running, registers it and
decides on it; the new-report form works from the keyboard alone."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from django.utils import timezone

from zastita.intake.models import Report
from zastita.intake.roster import shift_create

from ..conftest import PASSWORD
from ..intake.clocks import states
from ..intake.conftest import report_input
from .conftest import sign_in_browser


def test_the_duty_worker_gets_a_report_sees_the_clock_registers_and_decides(
    page_factory, live_server, make_user, tmp_path
):
    from zastita.intake.services import report_create

    head = make_user("head_of_service")
    duty = make_user("duty_worker", username="dezurni")
    now = timezone.now()
    shift_create(actor=head, user=duty, kind="primary",
                 starts_at=now - datetime.timedelta(hours=2),
                 ends_at=now + datetime.timedelta(hours=10))  # fmt: skip
    # A partner's report arrives (through the API in real life).
    report = report_create(actor=make_user("worker"), data=report_input(urgency="immediate"))
    page = page_factory()
    sign_in_browser(page, live_server.url, duty, PASSWORD)
    # 1. The duty worker gets it: on duty, notified, the report on the home page's list.
    assert duty.full_name in page.locator(".on-duty").inner_text()
    page.get_by_role("link", name=re.compile("Непрочитана обавештења")).click()
    page.get_by_role("link", name=f"Нова пријава {report.number}").click()
    page.wait_for_url(f"{live_server.url}/reports/{report.pk}/")
    # 2. The clock runs: the countdown changes from one second to the next.
    clock = page.locator("[data-due]").first
    first = clock.inner_text()
    page.wait_for_timeout(1500)
    assert clock.inner_text() != first
    assert re.search(r"\d\d:\d\d:\d\d", clock.inner_text())
    shots = Path(os.environ.get("ZASTITA_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "report-sr-cyrillic.png"), full_page=True)
    # 3. Registered, then accepted for identification.
    page.get_by_role("button", name="Региструј").click()
    page.wait_for_url(f"{live_server.url}/reports/{report.pk}/")
    page.get_by_role("button", name="Прихвати ради идентификације").click()
    page.wait_for_url(f"{live_server.url}/reports/{report.pk}/")
    report.refresh_from_db()
    assert report.status == "accepted"
    assert report.assigned_to == duty
    assert states(report) == {"first_contact": "met", "decision": "met", "field_visit": "running"}
    timeline = page.locator(".timeline").inner_text()
    assert "регистрована" in timeline
    assert "прихваћена ради идентификације" in timeline
    assert not page.console_errors
    page.goto(f"{live_server.url}/duty/")
    page.screenshot(path=str(shots / "duty-sr-cyrillic.png"), full_page=True)


def test_a_report_taken_over_the_phone_from_the_keyboard(page_factory, live_server, make_user):
    worker = make_user("duty_worker")
    page = page_factory()
    sign_in_browser(page, live_server.url, worker, PASSWORD)
    page.goto(f"{live_server.url}/reports/new/")
    page.get_by_label("хитно: непосредна опасност").check()
    page.keyboard.press("Tab")
    narrative = "Позив: у стану у Новом Саду држе две жене; прете им."
    page.get_by_label("Шта је пријављено").focus()
    page.keyboard.type(narrative)
    page.keyboard.press("Tab")
    page.keyboard.type("Нови Сад")
    page.get_by_label("Особа 1: кратак опис").focus()
    page.keyboard.type("жена, око 25 година")
    page.get_by_label("анонимно").check()
    page.get_by_label("Општина или град").press("Enter")
    page.wait_for_url(re.compile(r".*/reports/\d+/$"))
    report = Report.objects.get()
    assert report.urgency == "immediate"
    assert report.municipality == "novi-sad"  # the reference list's code
    assert narrative in page.locator(".narrative").inner_text()


def test_the_duty_board_says_when_a_report_arrives(page_factory, live_server, make_user):
    from django.test import override_settings

    from zastita.intake.services import report_create

    from .test_accessibility import check

    head = make_user("head_of_service")
    duty = make_user("duty_worker", username="dezurna")
    now = timezone.now()
    shift_create(actor=head, user=duty, kind="primary",
                 starts_at=now - datetime.timedelta(hours=1),
                 ends_at=now + datetime.timedelta(hours=7))  # fmt: skip
    with override_settings(ZASTITA_DUTY_POLL_SECONDS=1):
        page = page_factory()
        sign_in_browser(page, live_server.url, duty, PASSWORD)
        page.goto(f"{live_server.url}/duty/")
        notice = page.locator(".live-notice")
        assert notice.inner_text() == ""
        report = report_create(actor=make_user("worker"), data=report_input())
        notice.get_by_role("button", name="Прикажи").wait_for(timeout=5000)
        assert "Стигло је ново обавештење." in notice.inner_text()
        check(page, "duty board with a new notification")
        notice.get_by_role("button", name="Прикажи").click()
        page.wait_for_load_state()
        assert f"Нова пријава {report.number}" in page.locator("main").inner_text()
        assert not page.console_errors
