"""The long pick-lists (citizenships, languages) as a searchable picker: typed to filter,
chosen from the keyboard alone, sent with the form, saved; axe finds nothing to fault.
And the live countdown's day word, from the page in its language."""

from __future__ import annotations

import datetime

from django.utils import timezone

from zastita.people.models import Person

from ..conftest import PASSWORD
from .conftest import sign_in_browser
from .test_accessibility import check


def test_the_picker_filters_chooses_from_the_keyboard_and_the_choice_is_saved(
    page_factory, live_server, make_user
):
    worker = make_user("worker", username="picker.worker")
    page = page_factory()
    sign_in_browser(page, live_server.url, worker, PASSWORD)
    page.goto(f"{live_server.url}/people/new/")
    # The native selects are replaced by search boxes named by their labels.
    assert page.locator("select[name=citizenships]").is_hidden()
    citizenship = page.get_by_role("combobox", name="Држављанства")
    languages = page.get_by_role("combobox", name="Језици")
    page.locator("#id_last_name").fill("Тестић")
    page.locator("#id_first_name").fill("Миона")
    # Type to filter: only the matching options are listed, in Serbian.
    citizenship.focus()
    page.keyboard.type("аустр")
    listbox = page.get_by_role("listbox", name="Држављанства")
    assert listbox.is_visible()
    # Austria first (one of the most frequent), then the rest in Serbian order.
    assert listbox.get_by_role("option").all_inner_texts() == ["Аустрија", "Аустралија"]
    # Choose with the keyboard: the arrow moves to the second, Enter chooses it.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert listbox.get_by_role("option", selected=True).all_inner_texts() == ["Аустралија"]
    # Latin typed in the Cyrillic page finds the Cyrillic name; Enter chooses the first match.
    page.keyboard.press("Control+a")
    page.keyboard.type("srb")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert page.get_by_role("button", name="Уклони Србија").is_visible()
    languages.focus()
    page.keyboard.type("ромск")
    page.keyboard.press("Enter")
    page.keyboard.type("x")
    page.keyboard.press("Backspace")
    # Enter on a chosen option removes it; choosing again puts it back.
    page.keyboard.press("Enter")
    assert not page.get_by_role("button", name="Уклони ромски").is_visible()
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Уклони ромски").is_visible()
    page.keyboard.press("Escape")
    check(page, "people/new/ with the picker")
    # The list open, as a keyboard user sees it: still no violation.
    citizenship.focus()
    page.keyboard.press("ArrowDown")
    check(page, "people/new/ with the picker's list open")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Упиши", exact=True).click()
    page.wait_for_load_state()
    person = Person.objects.get()
    assert sorted(person.citizenships) == ["AU", "RS"]
    assert person.languages == ["rom"]
    assert page.console_errors == []


def test_without_javascript_the_native_select_still_works(browser, live_server, make_user):
    from ..conftest import current_code

    worker = make_user("worker", username="picker.nojs")
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/login/")
    page.get_by_label("Корисничко име").fill(worker.username)
    page.get_by_label("Лозинка").fill(PASSWORD)
    page.get_by_role("button", name="Настави").click()
    page.get_by_label("Код").fill(current_code(worker))
    page.get_by_role("button", name="Провери").click()
    page.goto(f"{base}/people/new/")
    assert page.locator(".picker").count() == 0
    assert page.locator("select[name=citizenships]").is_visible()
    page.locator("#id_last_name").fill("Тестић")
    page.get_by_label("Држављанства").select_option(["RS", "BA"])
    page.get_by_role("button", name="Упиши", exact=True).click()
    page.wait_for_load_state()
    assert sorted(Person.objects.get().citizenships) == ["BA", "RS"]
    context.close()


def test_the_live_countdown_names_days_in_the_pages_language(page_factory, live_server, make_user):
    from zastita.deadlines.public import Deadline
    from zastita.intake.roster import shift_create
    from zastita.intake.services import report_create

    from ..intake.conftest import report_input

    head = make_user("head_of_service")
    duty = make_user("duty_worker", username="countdown.duty")
    now = timezone.now()
    shift_create(actor=head, user=duty, kind="primary",
                 starts_at=now - datetime.timedelta(hours=2),
                 ends_at=now + datetime.timedelta(hours=10))  # fmt: skip
    report = report_create(actor=make_user("worker"), data=report_input(urgency="ordinary"))
    # A clock due in two days and a bit: "2 дана 01:…".
    Deadline.objects.filter(subject_type="report", subject_id=report.pk).update(
        due_at=now + datetime.timedelta(days=2, hours=1, minutes=30)
    )
    page = page_factory()
    sign_in_browser(page, live_server.url, duty, PASSWORD)
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    clock = page.locator("[data-due]").first
    page.wait_for_function(
        "el => /\\d\\d:\\d\\d:\\d\\d/.test(el.textContent)", arg=clock.element_handle()
    )
    text = clock.inner_text()
    assert " 2 дана 01:" in text
    assert "d " not in text


def test_screenshots_of_the_decision_form_and_the_access_log_in_cyrillic(
    page_factory, live_server, tmp_path
):
    """The decision form on the identification page and the access log, as a Serbian reader
    sees them: words, not codes. ZASTITA_SCREENSHOT_DIR=docs/screenshots keeps the images."""
    import os
    from pathlib import Path

    from zastita.accounts.models import User
    from zastita.identification.models import Identification
    from zastita.identification.services import decision_propose
    from zastita.site import demo

    demo.load()
    worker = User.objects.get(username="radnik")
    identification = Identification.objects.get()
    decision_propose(
        actor=worker, identification=identification, status="presumed", abroad=True,
        country="TR", exploitation=["ForcedLabour"], recruitment=[], control_means=[],
        panel=[{"user": worker.pk, "profession": "социјални радник"}],
        reasons="Индикатори обмане и експлоатације су потврђени.",
    )  # fmt: skip
    shots = Path(os.environ.get("ZASTITA_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page = page_factory()
    sign_in_browser(page, live_server.url, worker, demo.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/identification/{identification.pk}/")
    page.locator("summary:has(#decision-add)").click()
    decisions = page.locator("section[aria-labelledby=decisions-heading]")
    text = decisions.inner_text()
    assert "Турска" in text
    for code in ("PossibleVictimOfTrafficking", "ForcedLabour", "presumed", "Türkiye"):
        assert code not in text
    decisions.screenshot(path=str(shots / "decision-form-sr-cyrillic.png"))
    # The access log, read by the data-protection officer.
    dpo_page = page_factory()
    sign_in_browser(dpo_page, live_server.url, User.objects.get(username="dpo"),
                    demo.DEMO_PASSWORD)  # fmt: skip
    dpo_page.goto(f"{live_server.url}/audit/access-log/")
    table = dpo_page.locator("main table").inner_text()
    assert "Стручни радник" in table
    assert "одлука" in table
    for code in ("worker", "duty_worker", "decision", "identification_list", "T1"):
        assert f" {code} " not in f" {table} "
    dpo_page.screenshot(path=str(shots / "access-log-sr-cyrillic.png"))  # the first rows
