"""In the browser: one person of an accepted report, through the interview, the assessment
for identification, an attached document and the indicator assessment (with its
explanation), to a decision and findings and opinion approved by the head of service."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from django.utils import timezone

from zastita.identification.models import Decision
from zastita.intake.services import PersonInput, report_create, report_transition
from zastita.people.identity import Identity
from zastita.people.services import person_create

from ..conftest import PASSWORD
from ..core.test_files import clean_pdf
from ..intake.conftest import report_input
from .conftest import sign_in_browser

PRESENT = ["AL_DR_01", "AL_DR_02", "AL_EX_01", "AL_EX_02", "AL_CD_01", "AL_CD_02"]


def test_from_an_accepted_report_to_an_approved_decision(
    page_factory, live_server, make_user, tmp_path
):
    worker = make_user("worker", username="strucni")
    head = make_user("head_of_service", username="rukovodilac.b")
    person = person_create(actor=worker, identity=Identity(first_name="Јелена", last_name="Тест"),
                           birth_year=1992)  # fmt: skip
    report = report_create(actor=worker, data=report_input(
        persons=[PersonInput(person_id=person.pk, is_child=False)],
        received_at=timezone.now() - datetime.timedelta(hours=5)))  # fmt: skip
    report = report_transition(actor=worker, report=report, to="registered")
    report_transition(actor=worker, report=report, to="accepted")

    page = page_factory()
    sign_in_browser(page, live_server.url, worker, PASSWORD)
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    page.get_by_role("button", name="Идентификуј ову особу").click()
    page.wait_for_url(re.compile(r".*/identification/\d+/$"))
    # The field interview (each form opens from its heading).
    page.locator("summary:has(#interview-add)").click()
    page.locator("#interview_kind").select_option("field")
    held = (timezone.localtime() - datetime.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    page.locator("#interview_held_at").fill(held)
    page.locator("#interview_place").fill("Крагујевац")
    page.get_by_role("button", name="Евидентирај интервју").click()
    page.wait_for_load_state()
    assert "Крагујевац" in page.content()
    # The assessment for identification, written in its sections.
    page.locator("a[href$='/forms/identification/']").click()
    page.locator("#id_act").fill("Врбовање преко огласа за посао у иностранству.")
    page.locator("#id_conclusion").fill("Испуњени су елементи радње, средства и сврхе.")
    page.locator("form[data-autosave-url] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Врбовање преко огласа" in page.locator("#id_act").input_value()
    shots = Path(os.environ.get("ZASTITA_SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "assessment-form-sr-cyrillic.png"), full_page=True)
    page.get_by_role("link", name="Назад на идентификацију").click()
    # A document: the person's statement.
    page.locator("summary:has(#attachment-add)").click()
    page.locator("#file_kind").select_option("statement")
    page.locator("#file_file").set_input_files(files=[{
        "name": "izjava.pdf", "mimeType": "application/pdf", "buffer": clean_pdf(),
    }])  # fmt: skip
    page.locator("#file_description").fill("Изјава у полицији")
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    assert "izjava.pdf" in page.locator("main").inner_text()
    # The indicator assessment, answered from the checklist, and its explanation.
    page.get_by_role("link", name="Трговина одраслима ради радне експлоатације").click()
    page.locator("#id_age_at_exploitation").fill("33")
    for indicator in PRESENT:
        page.locator(f"input[name=i_{indicator}][value=present]").check()
    page.locator("input[name=i_AL_CR_01][value=absent]").check()
    page.get_by_role("button", name="Сачувај и процени").click()
    page.wait_for_load_state()
    explanation = page.locator(".explanation").inner_text()
    assert "правило је испуњено са датим одговорима" in explanation
    assert "Одузимање исправа; Дужничко ропство" in explanation
    assert "VICTIM" not in explanation
    assert "AL.CD.01" not in explanation
    # The decision, proposed by the worker...
    page.get_by_role("link", name="Назад на идентификацију").click()
    page.locator("summary:has(#decision-add)").click()
    page.locator("#decision_status").select_option("identified")
    page.locator("input[name=exploitation][value=ForcedLabour]").check()
    # The place comes from the report; the panel from the staff list.
    assert page.locator("#decision_municipality").input_value() == "Крагујевац"
    page.locator("#decision_decided_on").fill(timezone.localdate().isoformat())
    page.locator("#decision_member_1").select_option(str(worker.pk))
    page.locator("#decision_profession_1").fill("социјални радник")
    page.locator("#decision_reasons").fill(
        "Индикатори обмане, експлоатације и принуде су потврђени."
    )
    page.get_by_role("button", name="Предложи").click()
    page.wait_for_load_state()
    decision = Decision.objects.get()
    assert decision.approved_at is None
    # ...and approved by the head of service.
    head_page = page_factory()
    sign_in_browser(head_page, live_server.url, head, PASSWORD)
    head_page.goto(f"{live_server.url}/identification/{decision.identification_id}/")
    head_page.get_by_role("button", name="Одобри одлуку").click()
    head_page.wait_for_load_state()
    decision.refresh_from_db()
    assert decision.approved_by == head
    assert "идентификована жртва" in head_page.locator("main").inner_text()
    head_page.screenshot(path=str(shots / "identification-sr-cyrillic.png"), full_page=True)
    # The findings and opinion, written by the worker and approved by the head of service.
    page.goto(f"{live_server.url}/identification/{decision.identification_id}/forms/findings/")
    page.locator("#id_basis").fill("Идентификациони интервју у Крагујевцу.")
    page.locator("#id_findings").fill("Присутни индикатори обмане, експлоатације и принуде.")
    page.locator("#id_opinion").fill("Особа је жртва трговине људима ради радне експлоатације.")
    page.get_by_role("button", name="Сачувај").click()
    page.wait_for_load_state()
    head_page.goto(f"{live_server.url}/identification/{decision.identification_id}/forms/findings/")
    head_page.get_by_role("button", name="Одобри верзију 1").click()
    head_page.wait_for_load_state()
    assert "Верзију 1 је одобрио/ла" in head_page.locator("main").inner_text()
    page.goto(
        f"{live_server.url}/identification/{decision.identification_id}/forms/findings/print/"
    )
    assert "НАЛАЗ И МИШЉЕЊЕ" in page.content()
    assert "ради радне експлоатације" in page.content()
