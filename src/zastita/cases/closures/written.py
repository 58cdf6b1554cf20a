"""The closure form's text (form 12) as a spec of the writtenforms platform on the subject
"closure": the state of the goals and the follow-up agreed. The head of service approves;
a closure is neither submitted nor approved while the case has open services or tasks."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.writtenforms.public import FormSpec, Section, Subject, register

SUBJECT_TYPE = "closure"
CODE = "cases.closure"


def closure_get_for_actor(actor: Any, closure_id: int) -> Any:
    from zastita.cases.models import Closure
    from zastita.core.selectors import get_for_actor

    return get_for_actor(
        Closure.objects.select_related("case__person"), closure_id, actor=actor, perm="cases.view",
        object_type="closure",
    )  # fmt: skip


def _subject(actor: Any, subject_id: int) -> Subject:
    closure = closure_get_for_actor(actor, subject_id)
    return Subject(
        title=f"{closure.case.number} · {closure.get_reason_display()}",
        back_url=reverse("cases:detail", args=[closure.case_id]),
        back_label=str(_("Back to the case")),
        reads=(("case", closure.case_id), ("person", closure.case.person_id)),
    )  # fmt: skip


def _page_url(kind: str, subject_id: int) -> str:
    return reverse("cases:closure_form", kwargs={"closure_id": subject_id, "kind": kind})


def _lacking(subject_id: int) -> list[str]:
    from zastita.cases.closures.services import lacking

    return lacking(subject_id)


SPEC = FormSpec(
    code=CODE, label=_("Case closure form"), subject_type=SUBJECT_TYPE,
    heading=_("CASE CLOSURE FORM"), key_section="goals",
    sections=(
        Section("goals", _("The state of the goals"),
                _("Each goal of the plan: reached, in progress, or no longer pursued, and "
                  "why."), True),
        Section("follow_up", _("The follow-up agreed"),
                _("What was agreed with the person after the closure: contacts, who to turn "
                  "to, the institution taking over."), True),
        Section("explanation", _("Why the work ends now"),
                _("The circumstances of the closure, in the worker's words.")),
    ),
    edit_permission="cases.work", approve_permission="cases.approve",
    manage_permission="cases.approve", subject=_subject, page_url=partial(_page_url, CODE),
    lacking=_lacking,
)  # fmt: skip


def register_spec() -> None:
    register(SPEC)
