"""A new user's first minutes, in a real browser: sign in with password and TOTP, in Cyrillic."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..conftest import PASSWORD
from .conftest import sign_in_browser


def test_sign_in_with_totp_shows_the_home_page_in_cyrillic(
    page_factory, live_server, make_user, tmp_path
):
    user = make_user("dpo", username="dpo.browser")
    page = page_factory()
    sign_in_browser(page, live_server.url, user, PASSWORD)
    assert page.locator("html").get_attribute("lang") == "sr"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Добро дошли")
    nav = page.get_by_role("navigation", name="Главна навигација")
    assert nav.get_by_role("link", name="Евиденција приступа").is_visible()
    assert not nav.get_by_role("link", name="Корисници").count()
    assert page.console_errors == []  # no CSP violation, no script error
    shots = Path(os.environ.get("ZASTITA_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "home-sr-cyrillic.png"), full_page=True)


def test_wrong_password_and_the_language_switch(page_factory, live_server, make_user):
    user = make_user("worker", username="radnik.browser")
    page = page_factory()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Корисничко име").fill(user.username)
    page.get_by_label("Лозинка").fill("pogresna-lozinka-1")
    page.get_by_role("button", name="Настави").click()
    assert page.get_by_role("alert").is_visible()
    # The username typed is kept; the password is not echoed back.
    assert page.get_by_label("Корисничко име").input_value() == user.username
    page.get_by_label(re.compile("Language")).select_option("sr-latn")
    page.get_by_role("button", name="Промени").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Prijavljivanje"
    page.get_by_label(re.compile("Language")).select_option("en")
    page.get_by_role("button", name="Promeni").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    page.reload()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"


def test_administrator_creates_an_account_from_the_keyboard(page_factory, live_server, make_user):
    from zastita.accounts.models import User

    admin = make_user("administrator", username="admin.browser")
    page = page_factory()
    sign_in_browser(page, live_server.url, admin, PASSWORD)
    page.get_by_role("link", name="Корисници").click()
    page.get_by_role("link", name="Нови налог").click()
    page.get_by_label("Корисничко име").fill("nova.radnica")
    page.get_by_label("Име и презиме").fill("Нова Радница")
    page.get_by_label("Почетна лозинка").fill("duga-pocetna-lozinka-5")
    page.get_by_label("Стручни радник", exact=True).check()
    page.get_by_label("Име и презиме").press("Enter")
    page.wait_for_url(f"{live_server.url}/manage/users/*/")
    assert User.objects.get(username="nova.radnica").role_codes == "worker"
    assert page.get_by_role("status").is_visible()


def test_a_worker_finds_djordje_and_is_warned_of_a_near_duplicate(
    page_factory, live_server, make_user
):
    from zastita.people.identity import Identity
    from zastita.people.models import Person
    from zastita.people.services import person_create

    worker = make_user("worker", username="radnik.registar")
    existing = person_create(
        actor=worker, identity=Identity(first_name="Ђорђе", last_name="Јовановић"), birth_year=1994
    )
    page = page_factory()
    sign_in_browser(page, live_server.url, worker, PASSWORD)
    page.get_by_role("link", name="Особе").click()
    page.get_by_label(re.compile("Име, презиме")).fill("Djordje")
    page.get_by_role("button", name="Претражи").click()
    results = page.get_by_role("table", name="Резултати")
    assert results.get_by_role("link", name=existing.code).is_visible()
    assert "Ђорђе Јовановић" in results.inner_text()
    assert "Djordje" not in page.url  # the search went by POST

    page.get_by_role("link", name="Упиши особу").click()
    page.get_by_label(re.compile(r"^Име:?$")).fill("Đorđe")
    page.get_by_label(re.compile(r"^Презиме:?$")).fill("Jovanovic")
    page.get_by_label("Година рођења").fill("1994")
    page.get_by_role("button", name="Упиши", exact=True).click()
    warning = page.get_by_role("region", name="Ова особа је можда већ у регистру")
    assert warning.get_by_role("link", name=existing.code).is_visible()
    assert Person.objects.count() == 1
    assert (
        page.get_by_label(re.compile(r"^Презиме:?$")).input_value() == "Jovanovic"
    )  # nothing typed is lost
    assert page.console_errors == []
