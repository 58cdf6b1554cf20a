"""On a phone (375 × 812): no page scrolls sideways, the header is a compact bar whose menu
button opens the navigation, and tables are read as cards, each value labelled."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone

from zastita.intake.roster import shift_create

from ..conftest import PASSWORD, share
from ..intake.conftest import report_input
from .conftest import sign_in_browser
from .test_accessibility import check

PHONE = {"width": 375, "height": 812}

# Everything wider than the window, or reaching past its right edge, except what is hidden
# on purpose (one-pixel visually hidden text, the skip link parked off the screen).
OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const wide = [];
  const clipped = (el) => {
    for (let a = el; a; a = a.parentElement) {
      const r = a.getBoundingClientRect();
      if ((r.width <= 1 || r.height <= 1) && getComputedStyle(a).overflow === "hidden") return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.right < 0 || clipped(el)) continue;
    if (r.right > width + 0.5) wide.push(`${el.tagName}.${el.className} → ${Math.round(r.right)}`);
  }
  return {scroll: document.documentElement.scrollWidth, inner: width, wide: wide.slice(0, 5)};
}"""


def assert_fits(page, label: str) -> None:
    fit = page.evaluate(OVERFLOW_JS)
    assert fit["scroll"] <= fit["inner"], f"{label} scrolls sideways: {fit}"
    assert not fit["wide"], f"{label}: elements past the right edge: {fit['wide']}"


# Every table is read as cards on a phone, and each cell of a full row is labelled with the
# text of its column's header (in the page's language).
CARD_LABELS_JS = """() => {
  const wrong = [];
  for (const table of document.querySelectorAll("main table")) {
    if (!table.classList.contains("cards")) { wrong.push("a table without .cards"); continue; }
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const tr of table.querySelectorAll("tbody > tr")) {
      const cells = [...tr.children];
      if (cells.length !== heads.length) continue;
      cells.forEach((td, i) => {
        if (td.dataset.label !== heads[i]) wrong.push(`${td.dataset.label} ≠ ${heads[i]}`);
      });
    }
  }
  return wrong;
}"""


def assert_labelled_cards(page, label: str) -> None:
    wrong = page.evaluate(CARD_LABELS_JS)
    assert not wrong, f"{label}: {wrong[:5]}"


def above_main(page) -> float:
    """The height of everything above the page's own content: the header and the duty line."""
    return page.evaluate("() => document.getElementById('main').getBoundingClientRect().top")


def assert_in_reach(locator, label: str) -> None:
    """A primary action is shown whole, within the width of the screen."""
    locator.scroll_into_view_if_needed()
    assert locator.is_visible(), f"{label} is not visible"
    box = locator.bounding_box()
    assert box, f"{label} has no box"
    assert box["x"] >= 0, f"{label}: {box}"
    assert box["x"] + box["width"] <= PHONE["width"], f"{label}: {box}"


@pytest.fixture
def phone_data(make_user):
    """A duty worker on shift, with running clocks, notifications, a registered person with
    documents and a guardian, and an identification with a proposed decision."""
    from zastita.identification.services import decision_propose, identification_start
    from zastita.intake.services import PersonInput, report_create, report_transition
    from zastita.people.identity import Document, Identity
    from zastita.people.services import person_create, relation_add

    head = make_user("head_of_service", username="rukovodilac.telefon")
    duty = make_user("duty_worker", username="dezurna.telefon")
    now = timezone.now()
    shift_create(actor=head, user=duty, kind="primary",
                 starts_at=now - datetime.timedelta(hours=1),
                 ends_at=now + datetime.timedelta(hours=8))  # fmt: skip
    worker = make_user("worker", username="radnik.telefon")
    urgent = report_create(actor=worker, data=report_input(urgency="immediate",
                           municipality="Сремски Карловци"))  # fmt: skip
    report_create(actor=worker, data=report_input())
    person = person_create(
        actor=duty,
        identity=Identity(
            first_name="Александра", last_name="Милосављевић-Ђорђевић",
            documents=[Document(type="passport", number="012345678",
                                issuer="ПУ за град Београд", holder="employer")],
        ),
        birth_year=1996,
    )  # fmt: skip
    mother = person_create(
        actor=duty, identity=Identity(first_name="Јелена", last_name="Милосављевић"),
        birth_year=1970,
    )  # fmt: skip
    relation_add(actor=duty, person=person, relative=mother, kind="mother")
    accepted = report_create(actor=duty, data=report_input(
        persons=[PersonInput(person_id=person.pk, is_child=False)]))  # fmt: skip
    accepted = report_transition(actor=duty, report=accepted, to="registered")
    accepted = report_transition(actor=duty, report=accepted, to="accepted")
    ident = identification_start(actor=duty, report_person=accepted.persons.get())
    decision_propose(
        actor=duty, identification=ident, status="presumed", municipality="Сремски Карловци",
        panel=[{"user": duty.pk, "profession": "психолог"}],
        reasons="Синтетички разлози, довољно дуги да се на уском екрану прелом види у више редова.",
    )  # fmt: skip
    return {
        "duty": duty, "head": head, "report": urgent, "person": person, "identification": ident,
    }  # fmt: skip


def test_the_duty_board_new_report_and_report_page_fit_a_phone(
    page_factory, live_server, phone_data, tmp_path
):
    base = live_server.url
    page = page_factory()
    page.set_viewport_size(PHONE)
    sign_in_browser(page, base, phone_data["duty"], PASSWORD)
    report, person = phone_data["report"], phone_data["person"]
    # A person described on an accepted report, to be found or registered in the registry.
    from zastita.intake.services import PersonInput, report_create, report_transition

    described = report_create(actor=phone_data["duty"], data=report_input(persons=[PersonInput(
        description="жена, око 30, говори румунски и српски, има ожиљак на левој руци",
        is_child=False)]))  # fmt: skip
    described = report_transition(actor=phone_data["duty"], report=described, to="registered")
    described = report_transition(actor=phone_data["duty"], report=described, to="accepted")
    from zastita.cases.services import case_open_pending

    case = case_open_pending(actor=phone_data["head"], person=person,
                             reason="Особа је у опасности и треба јој заштита.")  # fmt: skip
    share(case, phone_data["duty"])
    from zastita.cases.plans import services as plans

    plan = plans.plan_start(actor=phone_data["head"], case=case, kind="initial")
    plans.goal_add(actor=phone_data["head"], plan=plan, text="Безбедан смештај.",
                   version=plan.version)  # fmt: skip
    from zastita.cases.proceedings.services import ProceedingInput, proceeding_add

    proceeding = proceeding_add(
        actor=phone_data["head"],
        case=case,
        data=ProceedingInput(
            stage="prosecution",
            authority="Више јавно тужилаштво у Новом Саду",
            reference="КТ 1234/26",
            role="both",
        ),
    )
    pages = [
        ("home", "/"),
        ("cases", "/cases/"),
        ("a case's proceedings", f"/cases/{case.pk}/proceedings/"),
        ("a change of a proceeding", f"/cases/proceedings/{proceeding.pk}/"),
        ("case", f"/cases/{case.pk}/"),
        ("arranging a service", f"/cases/{case.pk}/services/"),
        ("a monitoring contact", f"/cases/{case.pk}/monitoring/"),
        ("preparing the closure", f"/cases/{case.pk}/closure/"),
        ("a case before the decision", "/cases/new/"),
        ("a case's plan", f"/cases/plans/{plan.pk}/"),
        ("the register of providers", "/partners/providers/"),
        ("duty board", "/duty/"),
        ("new report", "/reports/new/"),
        ("report page", f"/reports/{report.pk}/"),
        ("report list", "/reports/"),
        ("notifications", "/notifications/"),
        ("identification", f"/identification/{phone_data['identification'].pk}/"),
        ("identification list", "/identification/"),
        ("person", f"/people/{person.pk}/"),
        ("report with a person to find", f"/reports/{described.pk}/"),
        (
            "find or register in the registry",
            f"/reports/persons/{described.persons.get().pk}/registry/",
        ),
    ]
    for label, url in pages:
        page.goto(base + url)
        assert_fits(page, label)
        assert above_main(page) <= 0.25 * PHONE["height"], f"{label}: header {above_main(page)}"
        check(page, f"{label} at 375 px")

    # The primary actions, whole and within the screen.
    page.goto(base + "/duty/")
    new_report = page.get_by_role("link", name="Нова пријава", exact=True)
    assert_in_reach(new_report, "new report on the duty board")
    assert new_report.bounding_box()["y"] < PHONE["height"], "not on the first screen"
    page.get_by_role("link", name=report.number, exact=True).first.click()
    page.wait_for_url(f"{base}/reports/{report.pk}/")
    assert_in_reach(
        page.get_by_role("button", name="Преузимам: евидентирај први контакт"), "contact"
    )
    assert_in_reach(page.get_by_role("button", name="Региструј"), "register")
    page.goto(base + "/reports/new/")
    assert_in_reach(page.get_by_role("button", name="Прими пријаву"), "receive the report")
    # A form that came back with errors still fits.
    page.get_by_label("Општина или град").fill("")
    page.get_by_role("button", name="Прими пријаву").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count()
    assert_fits(page, "new report with errors")
    check(page, "new report with errors at 375 px")
    assert not page.console_errors

    page.goto(base + "/duty/")
    shots = Path(os.environ.get("ZASTITA_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "duty-phone-sr-cyrillic.png"), full_page=True)


def test_the_header_collapses_into_a_menu_button(page_factory, live_server, phone_data):
    base = live_server.url
    page = page_factory()
    page.set_viewport_size(PHONE)
    sign_in_browser(page, base, phone_data["duty"], PASSWORD)
    page.goto(base + "/duty/")
    menu = page.get_by_role("button", name="Мени / Menu", exact=True)
    nav = page.get_by_role("navigation", name="Главна навигација")
    assert menu.is_visible()
    assert menu.get_attribute("aria-expanded") == "false"
    controlled = page.locator("#" + menu.get_attribute("aria-controls"))
    assert controlled.locator("nav").count() == 1
    assert not nav.get_by_role("link", name="Пријаве").is_visible()
    assert not page.get_by_role("button", name="Одјави се").is_visible()
    assert page.locator("header").bounding_box()["height"] <= 0.1 * PHONE["height"]

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("button", name="Одјави се").is_visible()
    assert page.get_by_label("Језик / Language").is_visible()
    assert_fits(page, "duty board, menu open")
    check(page, "duty board at 375 px, menu open")
    nav.get_by_role("link", name="Пријаве").click()
    page.wait_for_url(f"{base}/reports/")
    assert menu.get_attribute("aria-expanded") == "false"

    # Escape closes the open menu and gives the focus back to its button.
    menu.click()
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-controls')")

    # On a wide screen the navigation is all shown and there is no menu button.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not menu.is_visible()
    assert nav.get_by_role("link", name="Пријаве").is_visible()
    assert page.get_by_role("button", name="Одјави се").is_visible()
    assert not page.console_errors


def test_without_scripts_the_navigation_is_still_reachable(
    browser, live_server, make_user, phone_data
):
    worker = make_user("duty_worker", username="bez.skripti")
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="en-US")
    try:
        page = context.new_page()
        sign_in_browser(page, live_server.url, worker, PASSWORD)
        nav = page.get_by_role("navigation", name="Главна навигација")
        assert nav.get_by_role("link", name="Пријаве").is_visible()
        assert page.get_by_role("button", name="Одјави се").is_visible()
        assert not page.get_by_role("button", name="Мени / Menu", exact=True).is_visible()
        assert_fits(page, "home without scripts")
    finally:
        context.close()


def test_tables_become_labelled_cards_and_stay_tables(page_factory, live_server, phone_data):
    base = live_server.url
    page = page_factory()
    page.set_viewport_size(PHONE)
    sign_in_browser(page, base, phone_data["duty"], PASSWORD)
    page.goto(base + "/duty/")
    table = page.locator("table", has=page.get_by_role("link", name=phone_data["report"].number))
    row = table.locator("tbody tr").first
    # One card per row: the cells are stacked, each led by its column's name.
    cells = row.locator("td")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1
    labels = cells.evaluate_all("tds => tds.map(td => getComputedStyle(td, '::before').content)")
    headers = table.locator("thead th").all_inner_texts()
    # The label is shown, and its alternative text is empty: the column header already names it.
    assert labels == [f'"{h.strip()}" / ""' for h in headers] != []
    assert "Рок" in headers
    assert (
        not table.locator("thead").is_visible()
        or table.locator("thead").bounding_box()["height"] <= 1
    )
    # The accessibility tree still has a table with column headers and cells.
    cdp = page.context.new_cdp_session(page)
    roles = {
        node["role"]["value"]
        for node in cdp.send("Accessibility.getFullAXTree")["nodes"]
        if "role" in node
    }
    assert {"table", "row", "columnheader", "cell"} <= roles
    # A tablet's width is still too narrow for the list of reports as a table: cards there too.
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(base + "/reports/")
    assert_fits(page, "report list at 768 px")
    page.goto(base + "/duty/")
    # On a wide screen it is an ordinary table again.
    page.set_viewport_size({"width": 1280, "height": 800})
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert abs(second["y"] - first["y"]) < 1


def test_the_management_pages_fit_a_phone(
    page_factory, live_server, make_user, organisation, phone_data
):
    """The administrator's, the head of service's and the data-protection officer's pages,
    with long synthetic values in their tables, fit 375 px: no sideways scrolling, nothing
    past the right edge, and axe finds nothing."""
    from zastita.accounts.models import Role
    from zastita.identification.services import rules_version_save
    from zastita.partners.services import api_key_request
    from zastita.people.identity import Identity
    from zastita.people.services import person_create, person_reveal

    from .test_accessibility import DEFAULT_RULES_TEXT

    base = live_server.url
    admin = make_user("administrator", username="administrator.telefon")
    dpo = make_user("dpo", username="zastita.podataka.telefon")
    head = phone_data["head"]
    make_user("worker", username="novi.radnik.bez.aktivacije.telefon", mfa=False)
    organisation.name = "Удружење грађана за заштиту деце Сремски Карловци и Петроварадин"
    organisation.save()
    api_key_request(actor=admin, organisation=organisation,
                    label="пријаве-са-веб-обрасца-сремски-карловци",
                    capabilities=["reports.submit"])  # fmt: skip
    child = person_create(
        actor=head, identity=Identity(first_name="Лена", last_name="Костић"), birth_year=2015
    )
    why = "Потребно ради позива надлежном центру за социјални рад у Новом Саду"
    person_reveal(actor=head, person=child, reason=why)
    rules_version_save(actor=head, text=DEFAULT_RULES_TEXT, comment="Прва верзија")
    role = Role.objects.get(code="head_of_service")
    ident = phone_data["identification"]
    from zastita.accounts.models import Team
    from zastita.documents.models import Document

    decision = Document.objects.get(type_code="intake.decision")
    team = Team.objects.create(name="Тим за Срем, Бачку и Банат, са теренским радом")
    team.members.add(head)
    pages = {
        admin: [
            ("user list", "/manage/users/"),
            ("new account", "/manage/users/new/"),
            ("account", f"/manage/users/{head.pk}/"),
            ("role list", "/manage/roles/"),
            ("new role", "/manage/roles/new/"),
            ("role", f"/manage/roles/{role.pk}/"),
            ("organisation list", "/partners/"),
            ("new organisation", "/partners/new/"),
            ("organisation with its keys", f"/partners/{organisation.pk}/"),
            ("password", "/password/"),
        ],
        head: [
            ("activations", "/activations/"),
            ("duty roster", "/duty/roster/"),
            ("response targets", "/deadlines/targets/"),
            ("key requests", "/partners/keys/requests/"),
            ("people reveal list", "/people/reveals/"),
            ("notifications", "/notifications/"),
            ("identification rules", "/identification/rules/"),
            ("identification rules version", "/identification/rules/1/"),
            ("people search", "/people/?q=Милосављевић"),
            ("new person", "/people/new/"),
            ("person edit", f"/people/{phone_data['person'].pk}/edit/"),
            ("person merge", f"/people/{phone_data['person'].pk}/merge/"),
            ("assessment", f"/identification/{ident.pk}/assessment/AL/"),
            ("register of documents", "/documents/"),
            ("documents received", "/documents/received/"),
            ("document", f"/documents/{decision.pk}/"),
            ("document templates", "/documents/templates/"),
            ("decision's templates", "/documents/templates/intake.decision/"),
            ("workload", "/assignments/workload/"),
            ("my work", "/my-work/"),
            ("teams", "/assignments/teams/"),
            ("team", f"/assignments/teams/{team.pk}/"),
            ("report's assignment", f"/assignments/report/{phone_data['report'].pk}/"),
            ("records opened with a stated reason", "/assignments/opened/"),
        ],
        make_user("worker", username="radnica.razlog.telefon"): [
            ("opening a record with a stated reason", "/assignments/open/report/"),
        ],
        dpo: [
            ("access log", "/audit/access-log/"),
            ("subject access", "/people/subject-access/"),
            ("retention periods", "/retention/"),
        ],
    }
    failures = []
    for user, urls in pages.items():
        page = page_factory()
        page.set_viewport_size(PHONE)
        sign_in_browser(page, base, user, PASSWORD)
        for label, url in urls:
            page.goto(base + url)
            for probe in (assert_fits, assert_labelled_cards, check):
                try:
                    probe(page, f"{label} ({url}) at 375 px")
                except AssertionError as error:
                    failures.append(str(error))
        assert not page.console_errors
    assert not failures, "\n".join(failures)
