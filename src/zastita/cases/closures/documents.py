"""Form 12, the case closure form: issued when the head of service approves the closure's
text, with the reason, the goals of the plans in force and their last assessed progress,
and the approved text. It stays in the Center's file."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import Closure, Progress
from zastita.core.crypto import unseal
from zastita.core.registries.documents import DocumentType, document_types
from zastita.writtenforms.public import Approved, issued_text_again

TYPE = "cases.closure"

TEMPLATE = """<h1>{{ heading }}</h1>
<p>Случај: {{ case_number }} · Особа: {{ person_code }}</p>
<p>Разлог затварања: {{ reason }}
{% if referred %} · Случај се предаје другој институцији{% endif %}</p>
{% if goals %}<h2>Циљеви плана</h2>
<table><thead><tr><th>Циљ</th><th>Последња процена</th></tr></thead><tbody>
{% for g in goals %}<tr><td>{{ g.text }}</td><td>{{ g.progress }}</td></tr>
{% endfor %}</tbody></table>{% endif %}
{% if settled %}<h2>{% if referred %}Предато са случајем
{% else %}Окончано затварањем случаја{% endif %}</h2>
<ul>{% for item in settled %}<li>{{ item }}</li>{% endfor %}</ul>{% endif %}
{% for label, text in sections %}<h2>{{ label }}</h2>
<div class="text">{{ text|linebreaks }}</div>
{% endfor %}"""


def _context(closure_id: int) -> dict[str, Any]:
    from zastita.cases.reviews.services import goals_in_force

    closure = Closure.objects.select_related("case__person").get(pk=closure_id)
    case = closure.case
    services = closure.engagements.select_related("provider__organisation").order_by("pk")
    tasks = closure.tasks.select_related("goal__plan").order_by("pk")
    last = case.reviews.order_by("-held_on", "-pk").first()
    assessed = last.progress if last is not None else {}
    labels = dict(Progress.choices)
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "case_number": case.number, "person_code": case.person.code,
            "reason": str(closure.get_reason_display()), "referred": closure.referred,
            "goals": [
                {"text": unseal(g.text, "plan_goal", g.pk, "text"),
                 "progress": str(labels.get(assessed.get(str(g.pk), ""), "—"))}
                for g in goals_in_force(case)
            ],
            # What the approval ended, or handed over with the case (named, not quoted).
            "settled": [
                f"{e.get_kind_display()}{f' ({e.provider.name})' if e.provider else ''}"
                for e in services
            ] + [
                f"{t.goal.plan.get_kind_display()}: задатак {t.goal.position}.{t.position}"
                for t in tasks
            ],
        }  # fmt: skip


def _sample() -> dict[str, Any]:
    return {
        "heading": "ОБРАЗАЦ ЗА ЗАТВАРАЊЕ РАДА НА СЛУЧАЈУ", "case_number": "С-0001/2026",
        "person_code": "L-ABCD-EFGH", "reason": "циљеви плана су постигнути", "referred": False,
        "goals": [{"text": "Пример циља.", "progress": "постигнут"}],
        "settled": ["преводилац (Пример)", "почетни план: задатак 1.2"],
        "sections": [("Стање циљева", "Пример текста.")],
    }  # fmt: skip


def _may_view(user: Any, closure_id: int) -> bool:
    closure = Closure.objects.select_related("case").filter(pk=closure_id).first()
    return closure is not None and bool(user.has_perm("cases.view", closure.case))


def register_type() -> None:
    document_types.register(TYPE, DocumentType(
        code=TYPE, label=_("Case closure form"), subject_type="closure",
        subject_label=_("closure of a case"), context=_context, sample_context=_sample,
        default_template=TEMPLATE, needs_approval=True, can_view=_may_view,
        written_again=issued_text_again,
    ))  # fmt: skip


def on_approved(approved: Approved) -> None:
    """The approval of a closure's form: the case is closed and the form issued (once)."""
    if approved.subject_type != "closure":
        return
    from django.contrib.auth import get_user_model

    from zastita.cases.closures.services import closure_approved
    from zastita.cases.documents import issue_approved

    approver = get_user_model().objects.get(pk=approved.approver_id)
    closure = closure_approved(approved.subject_id, approver)
    issue_approved(approved, approver, TYPE, closure.pk)
