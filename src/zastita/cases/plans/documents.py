"""A plan's revision, once the head of service approves its form, is issued as a numbered
document (form 7, the initial plan; form 8, the service plan): the approved text, section
by section, with the goals and tasks as they stood at the approval. It stays in the
Center's file: a provider is told only what the person agreed to share, by its own form."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import Plan, PlanKind
from zastita.core.registries.documents import DocumentType, document_types
from zastita.writtenforms.public import Approved, issued_text_again

TEMPLATE = """<h1>{{ heading }}</h1>
<p>Случај: {{ case_number }} · Особа: {{ person_code }}</p>
<p>Датум плана: {{ plan_date }} · Ревизија: {{ revision }}</p>
<p>Учешће особе: {{ participation }} · Особа је пристала на план: {{ consented_on }}</p>
<h2>Циљеви и задаци</h2>
{% for goal in goals %}<h3>{{ goal.position }}. {{ goal.text }}</h3>
<table><thead><tr><th>Задатак</th><th>Одговоран</th><th>Рок</th></tr></thead><tbody>
{% for task in goal.tasks %}<tr><td>{{ task.text }}</td><td>{{ task.responsible }}</td>
<td>{{ task.due_on }}</td></tr>
{% endfor %}</tbody></table>
{% if goal.shared %}<p>Подељено уз пристанак особе са: {{ goal.shared }}</p>{% endif %}
{% endfor %}
{% for label, text in sections %}<h2>{{ label }}</h2>
<div class="text">{{ text|linebreaks }}</div>
{% endfor %}"""


def type_code(kind: str) -> str:
    return f"cases.plan_{kind}"


def _responsible(task: Any) -> str:
    if task.worker_id:
        return str(task.worker.full_name)
    if task.provider_id:
        return str(task.provider.name)
    return str(task.get_responsible_display())


def _context(plan_id: int) -> dict[str, Any]:
    from zastita.cases.plans.selectors import plan_goals

    plan = Plan.objects.select_related("case__person").get(pk=plan_id)
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "case_number": plan.case.number, "person_code": plan.case.person.code,
            "plan_date": plan.plan_date.strftime("%d.%m.%Y."), "revision": plan.revision,
            "participation": str(plan.get_participation_display()),
            "consented_on": plan.consented_on.strftime("%d.%m.%Y.") if plan.consented_on else "—",
            "goals": [
                {"position": row.goal.position, "text": row.text,
                 "shared": ", ".join(s.provider.name for s in row.shared_with),
                 "tasks": [{"text": t.text, "responsible": _responsible(t.task),
                            "due_on": t.task.due_on.strftime("%d.%m.%Y.")} for t in row.tasks]}
                for row in plan_goals(plan)
            ],
        }  # fmt: skip


def _sample() -> dict[str, Any]:
    return {
        "case_number": "С-0001/2026", "person_code": "L-ABCD-EFGH", "plan_date": "01.12.2026.",
        "revision": 1, "participation": "пуна партиципација", "consented_on": "01.12.2026.",
        "goals": [{"position": 1, "text": "Пример циља.", "shared": "",
                   "tasks": [{"text": "Пример задатка.", "responsible": "особа",
                              "due_on": "15.12.2026."}]}],
        "heading": "ПЛАН ЗАШТИТЕ", "sections": [("Пример", "Пример текста одељка.")],
    }  # fmt: skip


def _may_view(user: Any, plan_id: int) -> bool:
    plan = Plan.objects.select_related("case").filter(pk=plan_id).first()
    return plan is not None and bool(user.has_perm("cases.view", plan.case))


def register_types() -> None:
    for kind in PlanKind:
        document_types.register(type_code(kind), DocumentType(
            code=type_code(kind), label=kind.label, subject_type="plan",
            subject_label=_("protection plan"), context=_context, sample_context=_sample,
            default_template=TEMPLATE, needs_approval=True, can_view=_may_view,
            written_again=issued_text_again,
        ))  # fmt: skip


def on_approved(approved: Approved) -> None:
    """The approval of a plan's form: the revision takes force and is issued (once)."""
    if approved.subject_type != "plan":
        return
    from django.contrib.auth import get_user_model

    from zastita.cases.documents import issue_approved
    from zastita.cases.plans.services import plan_approved

    approver = get_user_model().objects.get(pk=approved.approver_id)
    plan = plan_approved(approved.subject_id, approver)
    issue_approved(approved, approver, type_code(plan.kind), plan.pk)
