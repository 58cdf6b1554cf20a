"""Forms 7 and 8: an approved revision of the initial and the service plan is issued as a
numbered PDF/A document, read back with pdftotext: Cyrillic, the registry number, the goals
and tasks as they stood, the approved text; it stays in the Center's file and never says
"victim of trafficking"."""

from __future__ import annotations

import datetime
import subprocess

import pytest

from zastita.cases.plans import services
from zastita.cases.services import case_open
from zastita.core.files import read
from zastita.core.registries.documents import document_types
from zastita.documents.models import Document

from .plan_helpers import approve

pytestmark = pytest.mark.django_db


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return " ".join(out.split())


def _approved(worker, head, plan, sections):
    goal = services.goal_add(actor=worker, plan=plan, text="Да настави школовање.",
                             version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    services.task_add(actor=worker, plan=plan, goal_id=goal.pk, text="Упис у средњу школу.",
                      responsible="worker", worker=worker, provider=None,
                      due_on=plan.plan_date + datetime.timedelta(days=14),
                      version=plan.version)  # fmt: skip
    approve(worker, head, plan, sections)
    return Document.objects.get(subject_type="plan", subject_id=plan.pk)


def test_forms_7_and_8_are_issued_numbered_and_read_back(worker_user, head, identification,
                                                         decide, tmp_path, settings):  # fmt: skip
    settings.ZASTITA_ATTACHMENTS_DIR = tmp_path
    decide(identification)
    case = case_open(actor=worker_user, identification=identification)
    initial = services.plan_start(actor=worker_user, case=case, kind="initial")
    document = _approved(worker_user, head, initial, {
        "priorities": "Безбедан смештај и наставак школовања.",
        "participation": "Особа је учествовала уз пуну партиципацију.",
    })  # fmt: skip
    assert (document.author_id, document.approver_id) == (worker_user.pk, head.pk)
    text = _text(read(document.storage_name), tmp_path)
    assert "ПЛАН ЗАШТИТЕ – ПОЧЕТНИ ПЛАН" in text
    assert document.registry_number in text
    assert case.number in text
    assert case.person.code in text
    assert "Да настави школовање." in text
    assert "Упис у средњу школу." in text
    assert "уз пуну партиципацију" in text
    assert "жртва трговине људима" not in text.lower()
    service = services.plan_start(actor=worker_user, case=case, kind="service")
    second = _approved(worker_user, head, service, {
        "services": "Адвокат за кривични поступак и преводилац за арапски језик.",
        "participation": "Особа је сама изабрала преводиоца.",
    })  # fmt: skip
    text = _text(read(second.storage_name), tmp_path)
    assert "ПЛАН ЗАШТИТЕ – ПЛАН УСЛУГА" in text
    assert second.registry_number in text
    assert second.registry_number != document.registry_number
    # Plans stay in the Center's file.
    for kind in ("initial", "service"):
        assert not document_types.get(f"cases.plan_{kind}").addressed_outside
