"""The written forms of a plan: the initial plan (form 7) and the service plan (form 8), as
specs of the writtenforms platform on the subject "plan" (one revision). Their sections are
the plan's narrative; the goals and tasks are records, printed with it. The head of service
approves (nobody approves a plan they wrote); a plan lacking a goal, a task for a goal or
the person's consent is neither submitted nor approved. A new plan starts from the
identification's needs and state assessment, a revision from the approved text before it."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import Plan, PlanKind
from zastita.writtenforms.public import (
    FormSpec,
    Section,
    Subject,
    approved_text,
    form_for_subject,
    form_save_within,
    register,
)

SUBJECT_TYPE = "plan"

PARTICIPATION = Section(
    "participation", _("The person's participation"),
    _("How the person took part in making the plan, what they want and fear, in their own "
      "words."),
    True,
)  # fmt: skip


def _subject(actor: Any, subject_id: int) -> Subject:
    from zastita.cases.plans.selectors import plan_get_for_actor

    plan = plan_get_for_actor(actor=actor, plan_id=subject_id)
    return Subject(
        title=f"{plan.case.number} · {plan.get_kind_display()} ({plan.revision})",
        back_url=reverse("cases:plan", args=[plan.pk]), back_label=str(_("Back to the plan")),
        reads=(("case", plan.case_id), ("person", plan.case.person_id)),
    )  # fmt: skip


def _page_url(kind: str, subject_id: int) -> str:
    return reverse("cases:plan_form", kwargs={"plan_id": subject_id, "kind": kind})


def _lacking(subject_id: int) -> list[str]:
    from zastita.cases.plans.services import lacking

    return lacking(subject_id)


def _spec(kind: PlanKind, heading: Any, key: str, sections: tuple[Section, ...]) -> FormSpec:
    code = f"cases.plan_{kind.value}"
    return FormSpec(
        code=code, label=kind.label, subject_type=SUBJECT_TYPE, heading=heading,
        sections=sections, key_section=key, edit_permission="cases.work",
        approve_permission="cases.approve", manage_permission="cases.approve",
        subject=_subject, page_url=partial(_page_url, code), lacking=_lacking,
    )  # fmt: skip


SPECS = (
    _spec(PlanKind.INITIAL, _("PROTECTION PLAN: INITIAL PLAN"), "priorities", (
        Section("situation", _("The person's situation"),
                _("Their physical and psychological state now, from the needs and state "
                  "assessment.")),
        Section("safety", _("Safety and accommodation"),
                _("Risks, where the person stays, who may know where they are.")),
        Section("priorities", _("Urgent needs and priorities"),
                _("What must be done first, and by whom: the plan's goals answer it."), True),
        PARTICIPATION,
        Section("follow_up", _("How the plan is followed"),
                _("Contacts agreed with the person, monitoring, the next review.")),
    )),
    _spec(PlanKind.SERVICE, _("PROTECTION PLAN: SERVICE PLAN"), "services", (
        Section("services", _("Services to arrange"),
                _("Which services, from whom and why: a lawyer, a psychotherapist, an "
                  "interpreter, transport, accommodation, health care, documents, aid."),
                True),
        PARTICIPATION,
        Section("coordination", _("Coordination of the providers"),
                _("Who informs whom, what each provider is told with the person's consent.")),
        Section("follow_up", _("How the services are followed"),
                _("Monitoring of the services and of the person's progress, the next review.")),
    )),
)  # fmt: skip

# Which needs-assessment sections start which sections of the initial plan.
FROM_NEEDS = {"situation": ("state", "psychosocial", "health"), "safety": ("safety",),
              "priorities": ("priorities",)}  # fmt: skip


def register_specs() -> None:
    for spec in SPECS:
        register(spec)


def prefill(actor: Any, plan: Plan, source: Plan | None = None) -> None:
    """Inside the caller's transaction, a first draft of the plan's form (saved as a draft
    the page saved by itself): from the approved revision before it, or for a new initial
    plan from the needs and state assessment of the case's identification."""
    texts: dict[str, str] = {}
    if source is not None:
        before = form_for_subject(source.form_code, source.pk)
        texts = (approved_text(before) if before is not None else None) or {}
    elif plan.kind == PlanKind.INITIAL and plan.case.identification_id:
        from zastita.identification.public import needs_assessment_text

        needs = needs_assessment_text(plan.case.identification_id)
        texts = {
            key: "\n\n".join(needs[n] for n in names if needs.get(n, "").strip())
            for key, names in FROM_NEEDS.items()
        }
    texts = {k: v for k, v in texts.items() if v.strip()}
    if texts:
        form_save_within(actor=actor, code=plan.form_code, subject_id=plan.pk, sections=texts,
                  base_version=0, autosave=True)  # fmt: skip
