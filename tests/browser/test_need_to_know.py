"""Need-to-know in the browser, end to end: the duty worker on shift takes a night report;
the head of service reassigns it to a worker, who finds it on "My work"; a second worker does
not find it in the list, gets "not found" by its number and opens it with a stated reason;
the head of service sees that access. Synthetic staff and report only."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from django.utils import timezone

from zastita.assignments.models import GlassAccess
from zastita.intake.models import Report
from zastita.intake.roster import shift_create
from zastita.intake.services import report_create
from zastita.notifications.models import Notification

from ..conftest import PASSWORD
from ..intake.conftest import report_input
from .conftest import sign_in_browser
from .test_accessibility import check


def _staff(make_user, role: str, username: str, full_name: str):
    user = make_user(role, username=username)
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    return user


def test_a_night_report_follows_the_work_and_a_stated_reason_opens_it(
    page_factory, live_server, make_user, tmp_path
):
    shots = Path(os.environ.get("ZASTITA_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    duty = _staff(make_user, "duty_worker", "dusan.ntk", "Душан Дежурни")
    worker = _staff(make_user, "worker", "ana.ntk", "Ана Пробна")
    second = _staff(make_user, "worker", "mila.ntk", "Мила Друга")
    head = _staff(make_user, "head_of_service", "jovana.ntk", "Јована Узорна")
    other = _staff(make_user, "worker", "petar.ntk", "Петар Трећи")
    now = timezone.now()
    shift_create(actor=head, user=duty, kind="primary", starts_at=now - datetime.timedelta(hours=2),
                 ends_at=now + datetime.timedelta(hours=6))  # fmt: skip
    # A report that came in on the night line; nobody has it yet.
    report = report_create(actor=other, data=report_input(received_at=now))
    Report.objects.filter(pk=report.pk).update(assigned_to=None)
    number = report.number
    url = f"{live_server.url}/reports/{report.pk}/"

    # 1. The duty worker on shift finds it and takes it.
    page = page_factory()
    sign_in_browser(page, live_server.url, duty, PASSWORD)
    page.goto(url)
    page.get_by_role("button", name="Преузимам: евидентирај први контакт").click()
    page.wait_for_url(url)
    assert Report.objects.get(pk=report.pk).assigned_to == duty

    # 2. The head of service reassigns it to a worker.
    page = head_page = page_factory()
    sign_in_browser(page, live_server.url, head, PASSWORD)
    page.goto(url)
    page.get_by_role("link", name="Промените задужење").click()
    page.get_by_label("Задужени стручни радник").select_option(label=worker.full_name)
    page.get_by_role("button", name="Сачувајте задужење").click()
    page.wait_for_url(url)
    assert Report.objects.get(pk=report.pk).assigned_to == worker

    # 3. The worker sees it on "My work", their home page.
    page = page_factory()
    sign_in_browser(page, live_server.url, worker, PASSWORD)
    assert page.locator("h1").inner_text() == "Мој посао"
    assert number in page.locator("main").inner_text()

    # 4. A second worker: not in the list, "not found" by its number, opened with a reason.
    page = page_factory()
    sign_in_browser(page, live_server.url, second, PASSWORD)
    page.goto(f"{live_server.url}/reports/")
    assert number not in page.locator("main").inner_text()
    page.get_by_label("Број:", exact=True).fill(number)
    page.get_by_role("button", name="Филтрирај").click()
    assert page.locator("h1").inner_text() == "Није пронађено"
    check(page, "not found, with the stated-reason link")
    page.get_by_role("link", name="Отвори уз наведени разлог").click()
    assert number not in page.locator("main").inner_text()  # nothing shown before the reason
    page.get_by_label("Зашто га отварате?").select_option(label="замена колеге")
    page.get_by_label("Објасните у једној реченици").fill("Кратко")
    page.get_by_role("button", name="Отвори уз овај разлог").click()
    # Too short: refused at its field, the text kept.
    assert page.get_by_label("Објасните у једној реченици").input_value() == "Кратко"
    assert "најмање 10 знакова" in page.locator("main").inner_text()
    check(page, "the stated-reason form with its error")
    page.screenshot(path=str(shots / "break-the-glass-sr-cyrillic.png"), full_page=True)
    page.get_by_label("Објасните у једној реченици").fill("Ана је на одсуству, особа је звала")
    page.get_by_role("button", name="Отвори уз овај разлог").click()
    page.wait_for_url(url)
    assert number in page.locator("h1").inner_text()
    assert GlassAccess.objects.filter(actor=second, subject_id=report.pk).exists()
    assert Notification.objects.filter(kind="assignments.glass", recipient=head).exists()

    # 5. The head of service (still signed in) sees that access, with the reason.
    page = head_page
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Отворено уз разлог").click()
    main = page.locator("main").inner_text()
    assert second.full_name in main
    assert number in main
    assert "Ана је на одсуству, особа је звала" in main
    check(page, "the openings with a stated reason")
    page.screenshot(path=str(shots / "opened-with-a-reason-sr-cyrillic.png"), full_page=True)
