"""axe-core (WCAG 2.1 AA) finds 0 violations on every page, in every language.

The page list is derived from the URL table, so a new page without an entry here fails.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import get_resolver
from django_otp.oath import totp

from zastita.accounts.models import Role, SealedTOTPDevice
from zastita.identification.indicators.engine import DEFAULT_RULES

from ..audit.test_read_coverage import _walk
from ..conftest import PASSWORD

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
DEFAULT_RULES_TEXT = DEFAULT_RULES.read_text(encoding="utf-8")
# Routes that are not pages: they accept a POST and redirect, or return JSON.
NOT_PAGES = {
    "logout/",
    "language/",
    "healthz",
    "manage/users/<int:user_id>/unlock/",
    "manage/users/<int:user_id>/reset-mfa/",
    "partners/<int:organisation_id>/keys/",
    "partners/<int:organisation_id>/keys/<int:key_id>/revoke/",
    "partners/keys/requests/<int:key_id>/confirm/",
    "activations/<int:user_id>/issue/",
    "people/<int:person_id>/reveal/",
    "people/<int:person_id>/relations/",
    "people/relations/<int:relation_id>/end/",
    "reports/<int:report_id>/contact/",
    "reports/<int:report_id>/transition/",
    "reports/<int:report_id>/attachments/",
    "reports/<int:report_id>/persons/<int:person_id>/set-aside/",
    "notifications/state/",
    "session/heartbeat",
    "session/status",
    "drafts/save",
    "drafts/<int:draft_id>/discard",
    "reports/<int:report_id>/<str:document>.pdf",
    "attachments/<int:attachment_id>/",
    "reports/persons/<int:report_person_id>/link/",
    "reports/persons/<int:report_person_id>/identification/",
    "identification/<int:identification_id>/interviews/",
    "identification/<int:identification_id>/decisions/",
    "identification/decisions/<int:decision_id>/approve/",
    "identification/<int:identification_id>/forms/<str:kind>/approve/",
    "identification/<int:identification_id>/forms/<str:kind>/return/",
    "identification/<int:identification_id>/documents/",
    "identification/documents/<int:document_id>/",
    "identification/<int:identification_id>/proceedings/",
    "documents/<int:document_id>/pdf/",
    "documents/<int:document_id>/docx/",
    "documents/<int:document_id>/correct/",
    "documents/templates/<str:type_code>/docx/",
    "cases/<int:case_id>/step/",
    "identification/<int:identification_id>/case/",
    "cases/<int:case_id>/plans/",
    "cases/plans/<int:plan_id>/details/",
    "cases/plans/<int:plan_id>/goals/",
    "cases/plans/<int:plan_id>/tasks/",
    "cases/plans/<int:plan_id>/sharing/",
    "cases/plans/<int:plan_id>/revise/",
    "cases/tasks/<int:task_id>/end/",
    "cases/plans/<int:plan_id>/form/<str:kind>/approve/",
    "cases/plans/<int:plan_id>/form/<str:kind>/return/",
    "cases/costs/export.<str:fmt>",
    "cases/closures/<int:closure_id>/form/<str:kind>/approve/",
    "cases/closures/<int:closure_id>/form/<str:kind>/return/",
}


def check(page, label: str) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{label}:\n{results.generate_report()}"


def _page_routes() -> set[str]:
    return {
        route
        for route, _p in _walk(get_resolver().url_patterns)
        if not route.startswith("api/") and route not in NOT_PAGES
    }


@pytest.mark.parametrize("locale", ["sr", "sr-latn", "en"])
def test_every_page_passes_axe(page_factory, live_server, make_user, organisation, locale):
    base = live_server.url
    admin = make_user("administrator", username="admin.axe")
    dpo = make_user("dpo", username="dpo.axe")
    worker = make_user("worker", username="worker.axe")
    visited: set[str] = set()

    def visit(page, route: str, url: str) -> None:
        page.goto(base + url)
        check(page, f"{route} ({locale})")
        visited.add(route)

    def new_page():
        page = page_factory(strict=False)
        page.context.add_cookies([{"name": "zastita_language", "value": locale, "url": base}])
        return page

    # Signed out: sign-in page, with and without errors, and the lockout page.
    anon = new_page()
    visit(anon, "login/", "/login/")
    anon.locator("#id_username").fill("nobody")
    anon.locator("#id_password").fill("wrong-password-1")
    anon.locator("#id_password").press("Enter")
    anon.wait_for_load_state()
    check(anon, f"login with errors ({locale})")

    # The head of service issues an activation code for a new account.
    head = make_user("head_of_service", username="head.axe")
    newcomer = make_user("worker", username="new.axe", mfa=False)
    page = new_page()
    sign_in_browser_any(page, base, head)
    visit(page, "activations/", "/activations/")
    page.locator(f"form[action='/activations/{newcomer.pk}/issue/'] button").click()
    page.wait_for_load_state()
    check(page, f"activation code issued ({locale})")
    code = page.locator(".secret").inner_text().strip()
    head_page = page  # a second sign-in within one TOTP step would be a refused replay

    # Activation, MFA enrolment, and the recovery codes shown after it.
    page = new_page()
    password_step(page, base, newcomer, then="/mfa/enrol/")
    check(page, f"activation entry ({locale})")
    page.locator("#id_code").fill(code)
    page.locator("#id_code").press("Enter")
    page.wait_for_load_state()
    assert page.locator(".qr svg").count() == 1
    check(page, f"mfa/enrol/ ({locale})")
    visited.add("mfa/enrol/")
    device = SealedTOTPDevice.objects.get(user=newcomer, confirmed=False)
    page.locator("#id_token").fill(f"{totp(device.bin_key):06d}")
    page.locator("#id_token").press("Enter")
    page.wait_for_load_state()
    check(page, f"recovery codes ({locale})")

    page = new_page()
    password_step(page, base, worker, then="/mfa/")
    check(page, f"mfa/ ({locale})")
    visited.add("mfa/")

    # The administrator's pages.
    page = new_page()
    sign_in_browser_any(page, base, admin)
    role = Role.objects.get(code="worker")
    for route, url in [
        ("", "/"),
        ("password/", "/password/"),
        ("manage/users/", "/manage/users/"),
        ("manage/users/new/", "/manage/users/new/"),
        ("manage/users/<int:user_id>/", f"/manage/users/{worker.pk}/"),
        ("manage/roles/", "/manage/roles/"),
        ("manage/roles/new/", "/manage/roles/new/"),
        ("manage/roles/<int:role_id>/", f"/manage/roles/{role.pk}/"),
        ("partners/", "/partners/"),
        ("partners/new/", "/partners/new/"),
        ("partners/<int:organisation_id>/", f"/partners/{organisation.pk}/"),
    ]:
        visit(page, route, url)
    page.goto(base + "/manage/users/new/")
    page.locator("#id_username").fill("Bad Name")
    page.locator("#id_username").press("Enter")
    page.wait_for_load_state()
    check(page, f"form with errors ({locale})")
    page.goto(f"{base}/partners/{organisation.pk}/")
    page.locator("#id_label").fill("axe")
    page.locator("input[name=capabilities][value='reference.read']").check()
    page.locator("#id_label").press("Enter")
    page.wait_for_load_state()
    check(page, f"new API key ({locale})")
    visit(page, "not found", "/manage/users/987654/")

    # The person registry, as a professional worker.
    from zastita.people.identity import Identity
    from zastita.people.services import person_create

    person = person_create(
        actor=worker, identity=Identity(first_name="Ђорђе", last_name="Јовановић"), birth_year=1990
    )
    page = new_page()
    sign_in_browser_any(page, base, worker)
    visit(page, "people/", "/people/")
    page.locator("#id_q").fill("Djordje")
    page.locator("#id_q").press("Enter")
    page.wait_for_load_state()
    check(page, f"search results ({locale})")
    visit(page, "people/new/", "/people/new/")
    page.locator("#id_first_name").fill("Djordje")
    page.locator("#id_last_name").fill("Jovanovic")
    page.locator("#id_birth_year").fill("1990")
    page.locator("#id_last_name").press("Enter")
    page.wait_for_load_state()
    check(page, f"duplicates shown ({locale})")
    visit(page, "people/<int:person_id>/", f"/people/{person.pk}/")
    # A worker opening a record outside their work with a stated reason.
    visit(page, "assignments/open/<str:subject_type>/", "/assignments/open/report/")
    child = person_create(
        actor=worker, identity=Identity(first_name="Лена", last_name="Костић"), birth_year=2015
    )
    page.goto(f"{base}/people/{child.pk}/")
    check(page, f"child's file, masked ({locale})")
    page.locator("#id_reason").fill("Потребно ради позива надлежном центру за социјални рад")
    page.locator("form[action$='/reveal/'] button").click()
    page.wait_for_load_state()
    check(page, f"child's name revealed ({locale})")
    # A guardian recorded on the child's file, then the file and its edit page.
    page.goto(f"{base}/people/{child.pk}/")
    page.locator("#id_relative_code").fill(person.code)
    page.locator("#id_kind").select_option("temp_guardian")
    page.locator("form[action$='/relations/'] button").click()
    page.wait_for_load_state()
    check(page, f"child's file with a guardian ({locale})")
    page.goto(f"{base}/people/{child.pk}/edit/")
    check(page, f"child's file, editing asks why ({locale})")
    visit(page, "people/<int:person_id>/edit/", f"/people/{person.pk}/edit/")
    page.locator("#id_jmbg").fill("1234567890123")
    page.locator("#id_jmbg").press("Enter")
    page.wait_for_load_state()
    check(page, f"edit with errors ({locale})")

    # Reports and duty, as the worker on duty.
    import datetime

    from django.utils import timezone

    from zastita.intake.roster import shift_create
    from zastita.intake.services import report_create

    from ..intake.conftest import report_input

    now = timezone.now()
    shift = shift_create(actor=head, user=worker, kind="primary",
                         starts_at=now - datetime.timedelta(hours=1),
                         ends_at=now + datetime.timedelta(hours=8))  # fmt: skip
    report = report_create(actor=worker, data=report_input())
    for route, url in [
        ("duty/", "/duty/"),
        ("reports/", "/reports/"),
        ("reports/<int:report_id>/", f"/reports/{report.pk}/"),
        ("duty/roster/", "/duty/roster/"),
        ("duty/shifts/<int:shift_id>/", f"/duty/shifts/{shift.pk}/"),
        ("notifications/", "/notifications/"),
        ("reports/new/", "/reports/new/"),
    ]:
        visit(page, route, url)
    # Identification of the registered person, on an accepted report.
    from zastita.identification.services import identification_start
    from zastita.intake.services import PersonInput, report_transition

    accepted = report_create(actor=worker, data=report_input(
        persons=[PersonInput(person_id=person.pk, is_child=False)]))  # fmt: skip
    accepted = report_transition(actor=worker, report=accepted, to="registered")
    accepted = report_transition(actor=worker, report=accepted, to="accepted")
    ident = identification_start(actor=worker, report_person=accepted.persons.get())
    visit(page, "identification/<int:identification_id>/", f"/identification/{ident.pk}/")
    for summary in page.locator("details.add > summary").all():
        summary.click()
    check(page, f"identification with every form open ({locale})")
    from zastita.identification.services import decision_propose

    decision_propose(
        actor=worker, identification=ident, status="presumed", municipality="Ниш",
        panel=[{"user": worker.pk, "profession": "психолог"}],
        reasons="Синтетички разлози за проверу приступачности.",
    )  # fmt: skip
    visit(page, "identification/", "/identification/?awaiting_approval=on")
    visit(page, "identification/<int:identification_id>/assessment/<str:set_id>/",
          f"/identification/{ident.pk}/assessment/AL/")  # fmt: skip
    page.locator("#id_age_at_exploitation").fill("30")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    check(page, f"assessment explained ({locale})")
    from zastita.identification.written import FORMS

    for kind, spec in FORMS.items():
        visit(page, "identification/<int:identification_id>/forms/<str:kind>/",
              f"/identification/{ident.pk}/forms/{kind}/")  # fmt: skip
        page.locator(f"#id_{spec.required}").fill("Текст")
        page.locator("form[data-autosave-url] button[type=submit]").click()
        page.wait_for_load_state()
        check(page, f"{kind} saved ({locale})")
        visit(page, "identification/<int:identification_id>/forms/<str:kind>/print/",
              f"/identification/{ident.pk}/forms/{kind}/print/")  # fmt: skip
    # A document refused: the page again, with the error.
    page.goto(f"{base}/identification/{ident.pk}/")
    page.locator("summary:has(#attachment-add)").click()
    page.locator("#file_file").set_input_files(
        files=[{"name": "a.pdf", "mimeType": "application/pdf", "buffer": b"MZ not a pdf"}]
    )
    page.locator("#file_description").fill("Изјава")
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    check(page, f"document refused ({locale})")
    # A person described on an accepted report: found in the registry, or registered.
    described = report_create(actor=worker, data=report_input(
        persons=[PersonInput(description="мушкарац, око 40", is_child=False)]))  # fmt: skip
    described = report_transition(actor=worker, report=described, to="registered")
    described = report_transition(actor=worker, report=described, to="accepted")
    page.goto(f"{base}/reports/{described.pk}/")
    check(page, f"report with a person to find in the registry ({locale})")
    visit(page, "reports/persons/<int:report_person_id>/registry/",
          f"/reports/persons/{described.persons.get().pk}/registry/")  # fmt: skip
    page.locator("#id_q").fill("Djordje")
    page.locator("#id_q").press("Enter")
    page.wait_for_load_state()
    check(page, f"registry results to link ({locale})")
    page.locator("#id_first_name").fill("Djordje")
    page.locator("#id_last_name").fill("Jovanovic")
    page.locator("#id_birth_year").fill("1990")
    page.locator("#id_jmbg").fill("123")
    page.locator("#id_last_name").press("Enter")
    page.wait_for_load_state()
    check(page, f"registering from a report, with errors ({locale})")
    page.locator("#id_jmbg").fill("")
    page.locator("#id_last_name").press("Enter")
    page.wait_for_load_state()
    assert page.locator("#duplicates-heading").count() == 1
    check(page, f"registering from a report, duplicates shown ({locale})")
    page.goto(f"{base}/reports/new/")
    page.locator("#id_municipality").fill("")
    page.locator("#id_municipality").press("Enter")
    page.wait_for_load_state()
    check(page, f"new report with errors ({locale})")
    visit(head_page, "duty/roster/", "/duty/roster/")
    visit(head_page, "duty/targets/", "/duty/targets/")  # leads to the deadlines page
    visit(head_page, "deadlines/targets/", "/deadlines/targets/")
    visit(head_page, "identification/rules/", "/identification/rules/")
    # The written forms' specs, and a spec refused with its line (the typed text kept).
    visit(head_page, "forms/specs/", "/forms/specs/")
    visit(head_page, "forms/specs/<str:kind>/", "/forms/specs/findings/")
    head_page.locator("#id_text").fill("sections: [")
    head_page.locator("#id_comment").fill("Проба")
    head_page.locator("form button[type=submit]").last.click()
    head_page.wait_for_load_state()
    check(head_page, f"a spec refused ({locale})")
    from zastita.identification.services import rules_version_save

    rules_version_save(actor=head, text=DEFAULT_RULES_TEXT, comment="Прва верзија")
    visit(head_page, "identification/rules/<int:number>/", "/identification/rules/1/")
    # A partner key that submits reports, requested by the administrator: the head of
    # service reads the request, confirms it and is shown the key once.
    from zastita.partners.services import api_key_request

    api_key_request(actor=admin, organisation=organisation, label="axe-submit",
                    capabilities=["reports.submit"])  # fmt: skip
    visit(head_page, "partners/keys/requests/", "/partners/keys/requests/")
    head_page.get_by_role(
        "button",
        name=re.compile("Потврди и прикажи кључ|Potvrdi i prikaži ključ|Confirm and show the key"),
    ).click()
    head_page.wait_for_load_state()
    check(head_page, f"a confirmed key shown once ({locale})")

    visit(head_page, "people/<int:person_id>/merge/", f"/people/{person.pk}/merge/")
    visit(head_page, "people/reveals/", "/people/reveals/")

    # The register of official documents: the accepted report's note and decision.
    from zastita.documents.models import Document

    note = Document.objects.filter(subject_type="report", subject_id=accepted.pk).first()
    assert note is not None
    for route, url in [
        ("documents/", "/documents/"),
        ("documents/search/", "/documents/search/?registry_number=9999%2F1999"),
        ("documents/<int:document_id>/", f"/documents/{note.pk}/"),
        ("documents/templates/", "/documents/templates/"),
        ("documents/templates/<str:type_code>/", "/documents/templates/intake.decision/"),
        ("documents/write/<str:type_code>/<int:subject_id>/",
         f"/documents/write/intake.official_note/{accepted.pk}/"),
    ]:  # fmt: skip
        visit(head_page, route, url)

    # Cases: the list, and a case's page.
    from zastita.cases.services import case_open_pending

    case = case_open_pending(actor=head, person=person,
                             reason="Особа је у опасности и треба јој заштита.")  # fmt: skip
    visit(head_page, "cases/", "/cases/")
    visit(head_page, "cases/new/", "/cases/new/")
    head_page.locator("main form button[type=submit]").click()
    head_page.wait_for_load_state()
    check(head_page, f"a case before the decision refused ({locale})")
    visit(head_page, "cases/<int:case_id>/", f"/cases/{case.pk}/")
    visit(head_page, "cases/figures/", "/cases/figures/")
    visit(head_page, "cases/costs/", "/cases/costs/")
    visit(head_page, "cases/aid/", "/cases/aid/")
    head_page.locator("details.add > summary").click()
    head_page.locator("main form[method=post] button[type=submit]").click()
    head_page.wait_for_load_state()
    check(head_page, f"stock refused at its fields ({locale})")
    head_page.goto(head_page.url.split("/cases/")[0] + "/cases/figures/?start=10.10.2026&end=1")
    check(head_page, f"a period refused at its field ({locale})")
    # (Closing is the closure form's approval: its refusal is checked with the plan's pages.)

    # The case's initial plan: a goal, a task refused at its field, the text and its print,
    # and the register of providers.
    _plan_pages(head_page, visit, check, case, head, organisation, locale)

    # Assignments: a report's, the workload and the teams.
    from zastita.accounts.models import Team

    team = Team.objects.create(name="Тим север")
    team.members.add(worker)
    for route, url in [
        ("assignments/<str:subject_type>/<int:subject_id>/", f"/assignments/report/{accepted.pk}/"),
        ("assignments/workload/", "/assignments/workload/"),
        ("my-work/", "/my-work/"),
        ("assignments/teams/", "/assignments/teams/"),
        ("assignments/teams/new/", "/assignments/teams/new/"),
        ("assignments/teams/<int:team_id>/", f"/assignments/teams/{team.pk}/"),
        ("assignments/opened/", "/assignments/opened/"),
    ]:
        visit(head_page, route, url)

    # The data-protection officer's access log.
    page = new_page()
    sign_in_browser_any(page, base, dpo)
    visit(page, "audit/access-log/", "/audit/access-log/?action=denied")
    visit(page, "people/subject-access/", "/people/subject-access/")
    # The retention periods, and a period refused at its fields.
    visit(page, "retention/", "/retention/")
    page.locator("#id_r0_years").fill("0")
    page.locator("#id_r0_years").press("Enter")
    page.wait_for_load_state()
    check(page, f"a retention period refused ({locale})")
    visit(page, "", "/")
    visit(page, "notifications/preferences/<int:user_id>/", f"/notifications/preferences/{dpo.pk}/")

    assert _page_routes() <= visited, f"pages without an axe check: {_page_routes() - visited}"


def password_step(page, base: str, user, *, then: str) -> None:
    """The first step of signing in, whatever the page's language (fields found by id)."""
    page.goto(base + "/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(base + then)


def sign_in_browser_any(page, base: str, user) -> None:
    from ..conftest import current_code

    password_step(page, base, user, then="/mfa/")
    page.locator("#id_token").fill(current_code(user))
    page.locator("#id_token").press("Enter")
    page.wait_for_url(re.compile(re.escape(base) + "/$"))


def test_the_checker_reports_violations(page_factory, live_server):
    """Guards the check itself: a page with known faults must fail it."""
    page = page_factory(strict=False)
    page.set_content(
        '<html><body><img src="x.png"><input type="text">'
        '<p style="color:#bbb;background:#fff">faint</p></body></html>'
    )
    results = Axe().run(page, options=AXE_OPTIONS)
    rules = {v["id"] for v in results.response["violations"]}
    assert {"image-alt", "label", "html-has-lang", "color-contrast"} <= rules


def _plan_pages(page, visit, check, case, head, organisation, locale) -> None:
    from zastita.cases.plans import services as plans
    from zastita.partners.models import Provider
    from zastita.writtenforms.public import form_save

    case.refresh_from_db()
    if not case.is_open:
        from zastita.cases.services import case_transition

        case = case_transition(actor=head, case=case, to="active", version=case.version,
                               reason="Поново отворен ради провере.")  # fmt: skip
    plan = plans.plan_start(actor=head, case=case, kind="initial")
    plans.goal_add(actor=head, plan=plan, text="Безбедан смештај.", version=plan.version)
    provider = Provider.objects.create(kind="interpreter", professional="Преводилац Тест",
                                       organisation=organisation, languages=["ara"])  # fmt: skip
    visit(page, "cases/plans/<int:plan_id>/", f"/cases/plans/{plan.pk}/")
    page.locator("#task-add ~ form button[type=submit]").click()
    page.wait_for_load_state()
    check(page, f"a task refused at its fields ({locale})")
    visit(page, "cases/plans/<int:plan_id>/form/<str:kind>/",
          f"/cases/plans/{plan.pk}/form/cases.plan_initial/")  # fmt: skip
    form_save(actor=head, code=plan.form_code, subject_id=plan.pk, base_version=0,
              sections={"priorities": "Смештај."}, autosave=True)  # fmt: skip
    visit(page, "cases/plans/<int:plan_id>/form/<str:kind>/print/",
          f"/cases/plans/{plan.pk}/form/cases.plan_initial/print/")  # fmt: skip
    # Each section's page, and its form refused at its fields: a service, a monitoring
    # contact, a review.
    visit(page, "cases/<int:case_id>/services/", f"/cases/{case.pk}/services/")
    page.locator("main form #service_cost").fill("-5")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check(page, f"a service refused at its fields ({locale})")
    visit(page, "cases/<int:case_id>/monitoring/", f"/cases/{case.pk}/monitoring/")
    page.locator("main form input[name=minutes]").fill("0")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check(page, f"a contact refused at its fields ({locale})")
    visit(page, "cases/<int:case_id>/reviews/", f"/cases/{case.pk}/reviews/")
    # Ending a service: its page, and the end refused at its fields.
    import datetime as _datetime
    from decimal import Decimal

    from django.utils import timezone

    from zastita.cases.engagements import services as engagements

    today = timezone.localdate()
    service = engagements.engagement_add(actor=head, case=case, data=engagements.EngagementInput(
        kind="transport", provider=None, requested_on=today, started_on=today, ended_on=None,
        units=None, unit="", cost=Decimal("1500"), funding="budget",
    ))  # fmt: skip
    # The head of service's decision on a service above the configured cost, refused at its
    # fields, then taken (a refusal: nothing is left open).
    costly = engagements.engagement_add(actor=head, case=case, data=engagements.EngagementInput(
        kind="accommodation", provider=None, requested_on=today, started_on=None,
        ended_on=None, units=None, unit="", cost=Decimal("90000"), funding="budget",
    ))  # fmt: skip
    visit(page, "cases/services/<int:engagement_id>/decide/",
          f"/cases/services/{costly.pk}/decide/")  # fmt: skip
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check(page, f"a decision on a service refused at its fields ({locale})")
    engagements.engagement_decide(actor=head, engagement=costly, approve=False,
                                  reasons="Нема средстава.", version=costly.version)  # fmt: skip
    visit(page, "cases/services/<int:engagement_id>/end/", f"/cases/services/{service.pk}/end/")
    page.locator("main form textarea[name=outcome]").fill("")
    page.locator("main form input[name=ended_on]").fill(
        (today - _datetime.timedelta(days=400)).strftime("%d.%m.%Y")
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check(page, f"the end of a service refused at its fields ({locale})")
    engagements.engagement_end(actor=head, engagement=service, ended_on=today,
                               outcome="Превоз обављен.", version=service.version)  # fmt: skip
    # The case's proceedings: the page, a proceeding refused at its fields, and a change.
    visit(page, "cases/<int:case_id>/proceedings/", f"/cases/{case.pk}/proceedings/")
    page.locator("main form select[name=consent]").select_option("given")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check(page, f"a proceeding refused at its fields ({locale})")
    from zastita.cases.proceedings.services import ProceedingInput, proceeding_add

    proceeding = proceeding_add(
        actor=head,
        case=case,
        data=ProceedingInput(
            stage="police", authority="ПУ Ниш", reference="КУ 4/26", role="witness"
        ),
    )
    visit(page, "cases/proceedings/<int:proceeding_id>/",
          f"/cases/proceedings/{proceeding.pk}/")  # fmt: skip
    visit(page, "partners/providers/", "/partners/providers/")
    visit(page, "partners/providers/new/", "/partners/providers/new/")
    visit(page, "partners/providers/<int:provider_id>/", f"/partners/providers/{provider.pk}/")
    # Form 19 to the service's provider, and its answer: the page, and refused at its fields.
    from zastita.cases.models import Engagement
    from zastita.documents.public import document_issue

    Engagement.objects.filter(pk=service.pk).update(provider=provider)
    request = document_issue(
        actor=head, type_code="cases.report_request", subject_id=service.pk,
        step_key=f"a11y:{locale}", written={"text": "Молимо извештај."},
    )  # fmt: skip
    visit(page, "documents/<int:document_id>/answer/", f"/documents/{request.pk}/answer/")
    page.locator("main form input[name=sender]").fill("")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check(page, f"an answer refused at its fields ({locale})")
    from zastita.documents.services.incoming import incoming_record

    incoming_record(actor=head, reply_to=request, sender="Адвокат", received_on=today,
                    summary="Клијенткиња је била на рочишту.")  # fmt: skip
    visit(page, "documents/received/", "/documents/received/")
    # The closure: its page, refused without its reason, then its form 12.
    visit(page, "cases/<int:case_id>/closure/", f"/cases/{case.pk}/closure/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check(page, f"a closure refused at its field ({locale})")
    from zastita.cases.closures.services import closure_start

    closure = closure_start(actor=head, case=case, reason="moved_away", referred=False)
    visit(page, "cases/closures/<int:closure_id>/form/<str:kind>/",
          f"/cases/closures/{closure.pk}/form/cases.closure/")  # fmt: skip
    form_save(actor=head, code=closure.form_code, subject_id=closure.pk, base_version=0,
              sections={"goals": "Особа се одселила."}, autosave=True)  # fmt: skip
    visit(page, "cases/closures/<int:closure_id>/form/<str:kind>/print/",
          f"/cases/closures/{closure.pk}/form/cases.closure/print/")  # fmt: skip
