"""In the browser: an impossible birth date is refused at its field and kept as typed,
where Chromium's own date input used to turn it into no date at all."""

from __future__ import annotations

from ..conftest import PASSWORD
from .conftest import sign_in_browser


def test_in_the_browser_an_impossible_birth_date_is_refused_and_kept(
    page_factory,
    live_server,
    make_user,
) -> None:
    """The reported loss: 31.02.2010 typed as a birth date saved the person with no date."""
    from zastita.people.models import Person

    worker = make_user("worker", username="datumi")
    page = page_factory()
    sign_in_browser(page, live_server.url, worker, PASSWORD)
    page.goto(f"{live_server.url}/people/new/")
    page.locator("#id_first_name").fill("Ана")
    birth = page.locator("#id_birth_date")
    assert birth.get_attribute("placeholder") == "дд.мм.гггг"
    birth.fill("31.02.2010")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_birth_date").input_value() == "31.02.2010"
    assert "Овај датум не постоји." in page.locator("#id_birth_date_error").inner_text()
    described = page.locator("#id_birth_date").get_attribute("aria-describedby") or ""
    assert "id_birth_date_error" in described.split()
    link = page.locator("#form-errors a[href='#id_birth_date']")
    assert "Овај датум не постоји." in link.inner_text()
    assert not Person.objects.exists()
