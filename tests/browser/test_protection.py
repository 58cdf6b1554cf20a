"""In the browser, the protection of one person after identification: the case opened from
the approved decision; the initial plan with two goals and three tasks, approved by the
head of service and issued; a lawyer and an interpreter engaged with their costs; a home
visit that follows up a task; a task that goes overdue (a frozen clock) and escalates; a
review that revises the plan; the closure and the reopening."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from django.utils import timezone

from zastita.cases.models import Case, Engagement, Plan, Task
from zastita.deadlines.public import deadline_scan
from zastita.documents.models import Document
from zastita.notifications.models import Notification
from zastita.partners.models import Provider

from ..conftest import PASSWORD
from .conftest import sign_in_browser


def _identified(worker, head):
    """A person identified by an approved decision, the identification the worker's."""
    from zastita.identification.services import identification_start
    from zastita.intake.services import PersonInput, report_create, report_transition
    from zastita.people.identity import Identity
    from zastita.people.services import person_create

    from ..cases.conftest import decision_approve, decision_propose
    from ..identification.test_services import decision_data
    from ..intake.conftest import report_input

    person = person_create(actor=worker, identity=Identity(first_name="Ана", last_name="Тест"),
                           birth_year=1994)  # fmt: skip
    report = report_create(actor=worker, data=report_input(
        persons=[PersonInput(person_id=person.pk, is_child=False)],
        received_at=timezone.now() - datetime.timedelta(days=20)))  # fmt: skip
    report = report_transition(actor=worker, report=report, to="registered")
    report = report_transition(actor=worker, report=report, to="accepted")
    identification = identification_start(actor=worker, report_person=report.persons.get())
    proposed = decision_propose(actor=worker, identification=identification,
                                **decision_data(worker, status="identified"))  # fmt: skip
    decision_approve(actor=head, decision=proposed)
    return identification


def _choose(select, text: str) -> None:
    """Chooses the option whose label contains `text`."""
    value = select.locator("option", has_text=text).first.get_attribute("value")
    select.select_option(value)


def _fill_goal(page, text: str) -> None:
    page.locator("#goal_text").first.fill(text)
    page.get_by_role("button", name="Додај циљ").click()
    page.wait_for_load_state()


def _fill_task(page, goal: str, text: str, due: datetime.date, responsible: str = "person",
               worker=None, provider=None) -> None:  # fmt: skip
    form = page.locator("form[action$='/tasks/']")
    _choose(form.locator("select[name=goal]"), goal)
    form.locator("textarea[name=text]").fill(text)
    form.locator("select[name=responsible]").select_option(responsible)
    if worker is not None:
        form.locator("select[name=worker]").select_option(str(worker.pk))
    if provider is not None:
        form.locator("select[name=provider]").select_option(str(provider.pk))
    form.locator("input[name=due_on]").fill(due.isoformat())
    page.get_by_role("button", name="Додај задатак").click()
    page.wait_for_load_state()


def test_the_protection_of_an_identified_person_from_opening_to_reopening(
    page_factory, live_server, make_user, organisation, tmp_path
):
    base = live_server.url
    worker = make_user("worker", username="vodja.slucaja")
    head = make_user("head_of_service", username="rukovodilac.z")
    identification = _identified(worker, head)
    lawyer = Provider.objects.create(kind="lawyer", professional="Адвокат Петровић")
    interpreter = Provider.objects.create(kind="interpreter", professional="Преводилац Арапски",
                                          languages=["ara"])  # fmt: skip
    shots = Path(os.environ.get("ZASTITA_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    today = timezone.localdate()

    # 1. The case, opened in one step from the approved identification.
    page = page_factory()
    sign_in_browser(page, base, worker, PASSWORD)
    page.goto(f"{base}/identification/{identification.pk}/")
    page.get_by_role("button", name=re.compile("Отвори случај")).click()
    page.wait_for_url(re.compile(r".*/cases/\d+/$"))
    case = Case.objects.get(identification=identification)

    # 2. The initial plan: two goals, three tasks, the person's consent and the text.
    page.get_by_role("button", name="Започни почетни план").click()
    page.wait_for_url(re.compile(r".*/cases/plans/\d+/$"))
    _fill_goal(page, "Да буде безбедна и да има где да живи.")
    _fill_goal(page, "Да добије правну помоћ у поступку.")
    sharing = page.locator("form[action$='/sharing/']")
    for provider in (lawyer, interpreter):
        _choose(sharing.locator("select[name=goal]"), "правну помоћ")
        sharing.locator("select[name=provider]").select_option(str(provider.pk))
        sharing.locator("input[name=consented_on]").fill(today.isoformat())
        page.get_by_role("button", name="Евидентирај пристанак").click()
        page.wait_for_load_state()
    _fill_task(
        page,
        "безбедна",
        "Кућна посета и процена безбедности.",
        today + datetime.timedelta(days=3),
        "worker",
        worker=worker,
    )
    _fill_task(
        page, "безбедна", "Пријава на адресу становања.", today + datetime.timedelta(days=30)
    )
    _fill_task(
        page,
        "правну помоћ",
        "Заступање у кривичном поступку.",
        today + datetime.timedelta(days=60),
        "provider",
        provider=lawyer,
    )
    assert Task.objects.filter(goal__plan__case=case).count() == 3
    details = page.locator("form[action$='/details/']")
    details.locator("select[name=participation]").select_option("full")
    details.locator("input[name=consented_on]").fill(today.isoformat())
    details.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.screenshot(path=str(shots / "plan-sr-cyrillic.png"), full_page=True)
    page.get_by_role("link", name="Напишите текст плана и пошаљите га на одобрење").click()
    page.locator("#id_participation").fill("Особа је учествовала уз пуну партиципацију.")
    page.locator("#id_priorities").fill("Безбедан смештај, затим правна помоћ.")
    page.locator("form[data-autosave-url] button[type=submit]").click()
    page.wait_for_load_state()

    # 3. Approved by the head of service, and issued as a numbered document.
    plan = Plan.objects.get(case=case)
    head_page = page_factory()
    sign_in_browser(head_page, base, head, PASSWORD)
    head_page.goto(f"{base}/cases/plans/{plan.pk}/form/cases.plan_initial/")
    head_page.get_by_role("button", name=re.compile("Одобри")).click()
    head_page.wait_for_load_state()
    plan.refresh_from_db()
    assert plan.approved_at is not None
    document = Document.objects.get(subject_type="plan", subject_id=plan.pk)
    head_page.goto(f"{base}/cases/plans/{plan.pk}/")
    assert document.registry_number in head_page.content()

    # 4. A lawyer and an interpreter, with their costs.
    for provider, kind, cost in ((lawyer, "lawyer_court", "24000"),
                                 (interpreter, "interpreter", "6000")):  # fmt: skip
        page.goto(f"{base}/cases/{case.pk}/")
        page.get_by_role("link", name="Обезбедите услугу").click()
        form = page.locator("main form[method=post]")
        form.locator("select[name=kind]").select_option(kind)
        form.locator("select[name=provider]").select_option(str(provider.pk))
        form.locator("input[name=started_on]").fill(today.isoformat())
        form.locator("input[name=cost]").fill(cost)
        page.get_by_role("button", name="Евидентирај услугу").click()
        page.wait_for_load_state()
    assert sorted(Engagement.objects.values_list("cost", flat=True)) == [6000, 24000]

    # 5. A home visit that follows up the first task.
    first = Task.objects.get(goal__plan=plan, goal__position=1, position=1)
    page.get_by_role("link", name="Евидентирајте контакт").click()
    form = page.locator("main form[method=post]")
    form.locator("select[name=mode]").select_option("home_visit")
    form.locator("input[name=minutes]").fill("90")
    form.locator(f"input[name=tasks][value='{first.pk}']").check()
    form.locator("textarea[name=notes]").fill("Особа је безбедна, договорен наредни контакт.")
    page.get_by_role("button", name="Евидентирај контакт").click()
    page.wait_for_load_state()
    assert "договорен наредни контакт" in page.content()

    # 6. The first task goes overdue and escalates (the scan at a frozen later time).
    deadline_scan(now=timezone.now() + datetime.timedelta(days=5))
    page.goto(f"{base}/cases/plans/{plan.pk}/")
    assert "рок истекао" in page.locator(f"#task-{first.pk}").inner_text()
    assert Notification.objects.filter(recipient=head, kind="cases.task_escalation").exists()
    page.goto(f"{base}/cases/{case.pk}/")
    page.screenshot(path=str(shots / "case-sr-cyrillic.png"), full_page=True)

    # 7. A review that revises the plan.
    page.get_by_role("link", name="Евидентирајте поновни преглед").click()
    form = page.locator("main form[method=post]")
    for select in form.locator("select[name^=goal_]").all():
        select.select_option("progressing")
    form.locator("select[name=outcome]").select_option("revise")
    form.locator("textarea[name=assessment]").fill("Смештај је обезбеђен; план се допуњује.")
    page.get_by_role("button", name="Евидентирај поновни преглед").click()
    page.wait_for_url(re.compile(r".*/cases/plans/\d+/$"))
    revised = Plan.objects.get(case=case, revision=2)
    assert page.url.endswith(f"/cases/plans/{revised.pk}/")

    # 8. The case is closed once its services and tasks are ended.
    for task in Task.objects.filter(goal__plan=plan, status="open"):
        page.goto(f"{base}/cases/plans/{plan.pk}/")
        row = page.locator(f"#task-{task.pk}")
        row.locator("summary").click()
        row.locator("select[name=status]").select_option("done")
        row.locator("textarea[name=reason]").fill("Обављено у договору са особом.")
        row.get_by_role("button", name="Заврши задатак").click()
        page.wait_for_load_state()
    for engagement in Engagement.objects.filter(case=case):
        page.goto(f"{base}/cases/{case.pk}/")
        page.locator(f"#service-{engagement.pk}").get_by_role("link", name="Заврши услугу").click()
        page.locator("textarea[name=outcome]").fill("Услуга пружена.")
        page.get_by_role("button", name="Заврши услугу").click()
        page.wait_for_load_state()
    # The worker prepares the closure form (form 12); the head of service's approval closes.
    page.goto(f"{base}/cases/{case.pk}/")
    page.get_by_role("link", name="Припремите затварање", exact=True).click()
    page.locator("#id_reason").select_option("goals_reached")
    page.get_by_role("button", name="Припремите образац за затварање").click()
    page.wait_for_url(re.compile(r".*/cases/closures/\d+/form/cases.closure/$"))
    page.locator("#id_goals").fill("Оба циља су постигнута.")
    page.locator("#id_follow_up").fill("Особа се јавља Центру по потреби.")
    page.locator("form[data-autosave-url] button[type=submit]").click()
    page.wait_for_load_state()
    closing_url = page.url
    head_page.goto(closing_url)
    head_page.get_by_role("button", name=re.compile("Одобри")).click()
    head_page.wait_for_load_state()
    case.refresh_from_db()
    assert case.status == "closed", head_page.locator("main").inner_text()[:800]
    closure = Document.objects.get(type_code="cases.closure")
    page.goto(f"{base}/cases/{case.pk}/")
    assert closure.registry_number in page.content()

    # 9. Reopened, with a reason: a new period, nothing lost.
    page.locator("textarea[name=reason]").first.fill("Особа се поново обратила Центру.")
    page.get_by_role("button", name="Поново отвори").click()
    page.wait_for_load_state()
    case.refresh_from_db()
    assert case.status == "active"
    assert Engagement.objects.filter(case=case).count() == 2
