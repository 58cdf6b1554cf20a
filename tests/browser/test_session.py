"""In the browser: nothing typed is lost at the idle limit, the screen warns first, and the
duty board locks when left idle and comes back after signing in again.

The page's clock is Playwright's (frozen, then advanced); the server's is aged to match by
moving the session's last activity back, so both sides see the same minutes pass.
"""

from __future__ import annotations

import datetime
import os
import re
import time
from pathlib import Path

from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from zastita.accounts.middleware import SESSION_LAST_SEEN
from zastita.accounts.models import SealedTOTPDevice
from zastita.drafts.models import FormDraft
from zastita.intake.models import Report
from zastita.intake.roster import shift_create

from ..conftest import PASSWORD
from .conftest import sign_in_browser
from .test_accessibility import check

NIGHT_CALL = (
    "Позвала је жена из Суботице: комшиница од око 16 година ради ноћу у кафани, "
    "газда јој држи пасош и не пушта је кући. Позиваоцу је јавила поруком."
)


def _age_session(page, seconds: float) -> None:
    """The server's side of the clock: the session's last activity `seconds` ago."""
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "zastita_session"]
    session = SessionStore(session_key=cookie["value"])
    session[SESSION_LAST_SEEN] = time.time() - seconds
    session.save()


def _idle_seconds(page) -> float:
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "zastita_session"]
    return time.time() - SessionStore(session_key=cookie["value"])[SESSION_LAST_SEEN]


def _next_code(user) -> str:
    """The authenticator's next code: the one just used for signing in is refused as a replay."""
    device = SealedTOTPDevice.objects.get(user=user, confirmed=True)
    totp = device._totp()
    totp.time = time.time() + 30
    return f"{totp.token():0{device.digits}d}"


def _sign_in_again(page, user) -> None:
    page.get_by_label("Корисничко име").fill(user.username)
    page.get_by_label("Лозинка").fill(PASSWORD)
    page.get_by_role("button", name="Настави").click()
    page.wait_for_url(re.compile(r"/mfa/"))
    page.get_by_label("Код").fill(_next_code(user))
    page.get_by_role("button", name="Провери").click()


def _wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _shots(tmp_path) -> Path:
    shots = Path(os.environ.get("ZASTITA_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def _on_shift(make_user):
    duty = make_user("duty_worker", username="dezurna")
    now = timezone.now()
    shift_create(actor=make_user("head_of_service"), user=duty, kind="primary",
                 starts_at=now - datetime.timedelta(hours=1),
                 ends_at=now + datetime.timedelta(hours=11))  # fmt: skip
    return duty


def test_a_night_call_typed_into_a_new_report_survives_the_idle_limit(
    page_factory, live_server, make_user, tmp_path
):
    duty = _on_shift(make_user)
    page = page_factory()
    sign_in_browser(page, live_server.url, duty, PASSWORD)
    page.clock.install()
    page.goto(f"{live_server.url}/reports/new/")
    page.get_by_label("Шта је пријављено").fill(NIGHT_CALL)
    page.clock.run_for(3_000)  # the draft is saved a moment after typing stops
    _wait_for(lambda: FormDraft.objects.filter(user=duty).exists())
    # Known by where the form posts: another form on the page never receives it.
    assert FormDraft.objects.get().form_key == "_reports_new_-0"

    # Sixteen minutes pass with nobody at the keyboard.
    _age_session(page, 16 * 60)
    page.clock.fast_forward("16:00")
    page.wait_for_url(re.compile(r"/login/\?next=%2Freports%2Fnew%2F$"))
    assert NIGHT_CALL not in page.content()
    assert "Ваша сесија је истекла" in page.locator(".messages").inner_text()

    _sign_in_again(page, duty)
    page.wait_for_url(f"{live_server.url}/reports/new/")
    assert page.get_by_label("Шта је пријављено").input_value() == NIGHT_CALL
    assert page.get_by_role("status").filter(has_text="враћено је").is_visible()
    check(page, "a restored draft")
    page.screenshot(path=str(_shots(tmp_path) / "draft-restored-sr-cyrillic.png"))
    # The only error the browser saw: the session check answered 401 once it had ended.
    assert [e for e in page.console_errors if "401" not in e] == []

    # Sent: the report holds the text and the draft is gone.
    page.get_by_label("Општина или град").fill("Суботица")
    page.get_by_label("Особа 1: кратак опис").fill("девојка, око 16")
    page.get_by_label("анонимно").check()
    page.get_by_role("button", name="Прими пријаву").click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    assert Report.objects.count() == 1
    assert NIGHT_CALL in page.locator(".narrative").inner_text()
    assert not FormDraft.objects.exists()


def test_the_duty_board_warns_then_locks_and_comes_back_after_signing_in(
    page_factory, live_server, make_user, tmp_path
):
    duty = _on_shift(make_user)
    page = page_factory()
    sign_in_browser(page, live_server.url, duty, PASSWORD)
    page.clock.install()
    page.goto(f"{live_server.url}/duty/")
    board = page.locator("main").inner_text()

    # Polling for notifications does not keep the board signed in; two minutes before the
    # limit, a dialog takes the focus and offers to continue.
    _age_session(page, 5 * 60)
    with page.expect_response(re.compile(r"/notifications/state/")) as polled:
        page.clock.run_for(25_000)
    assert polled.value.ok
    assert _idle_seconds(page) >= 5 * 60
    _age_session(page, 13 * 60 + 30)
    page.clock.fast_forward("13:05")
    dialog = page.get_by_role("alertdialog", name="Да ли још радите?")
    dialog.wait_for()
    assert page.evaluate("document.activeElement.id") == "idle-continue"
    check(page, "the idle warning")
    page.screenshot(path=str(_shots(tmp_path) / "idle-warning-sr-cyrillic.png"))

    _age_session(page, 16 * 60)
    page.clock.fast_forward("02:30")
    page.wait_for_url(re.compile(r"/login/\?next=%2Fduty%2F$"))
    assert board[:40] not in page.content()

    _sign_in_again(page, duty)
    page.wait_for_url(f"{live_server.url}/duty/")


def test_continue_in_the_warning_keeps_the_session(page_factory, live_server, make_user):
    duty = _on_shift(make_user)
    page = page_factory()
    sign_in_browser(page, live_server.url, duty, PASSWORD)
    page.clock.install()
    page.goto(f"{live_server.url}/duty/")
    _age_session(page, 13 * 60 + 30)
    page.clock.fast_forward("13:30")
    page.get_by_role("alertdialog").wait_for()
    page.get_by_role("button", name="Наставите са радом").click()
    page.get_by_role("alertdialog").wait_for(state="hidden")
    assert _idle_seconds(page) < 30  # the server counted it as activity
    page.reload()
    assert page.url == f"{live_server.url}/duty/"


def test_typing_counts_as_activity_through_the_heartbeat(page_factory, live_server, make_user):
    duty = _on_shift(make_user)
    page = page_factory()
    sign_in_browser(page, live_server.url, duty, PASSWORD)
    page.clock.install()
    page.goto(f"{live_server.url}/reports/new/")
    _age_session(page, 10 * 60)
    page.clock.run_for(59_000)
    page.get_by_label("Шта је пријављено").press_sequentially("Позив")
    # The minute since the page loaded is over: one heartbeat tells the server.
    with page.expect_response(re.compile(r"/session/heartbeat$"), timeout=30_000) as beat:
        page.clock.run_for(2_000)
    assert beat.value.ok

    _wait_for(lambda: _idle_seconds(page) < 30)
