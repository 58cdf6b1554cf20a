"""Playwright driving Debian's Chromium against the live test server.

Without Chromium the browser tests are skipped; with REQUIRE_BROWSER=1 they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = os.environ.get("ZASTITA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but Chromium is not installed ({CHROMIUM}).")
        pytest.skip("Chromium is not installed; browser tests skipped (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page_factory(browser, live_server):
    """New pages; `strict` ones enforce the CSP and collect any violation reported.

    The browser says it prefers English: the pages must still come in Cyrillic by default.
    """
    contexts = []

    def make(*, strict: bool = True, locale: str = "en-US"):
        context = browser.new_context(bypass_csp=not strict, locale=locale)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        return page

    yield make
    for context in contexts:
        context.close()


def sign_in_browser(page, base_url: str, user, password: str) -> None:
    from ..conftest import current_code

    page.goto(f"{base_url}/login/")
    page.get_by_label("Корисничко име").fill(user.username)
    page.get_by_label("Лозинка").fill(password)
    page.get_by_role("button", name="Настави").click()
    page.wait_for_url(f"{base_url}/mfa/")
    page.get_by_label("Код").fill(current_code(user))
    page.get_by_role("button", name="Провери").click()
    page.wait_for_url(f"{base_url}/")
