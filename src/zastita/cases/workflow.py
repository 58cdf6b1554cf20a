"""The case workflow: one transition table, read by the one transition service.

opened → active → follow-up; any open state → closed or closed and referred (hand-over);
closed → active again (reopened, with a reason: a new period, nothing lost).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import CaseStatus


@dataclass(frozen=True)
class Transition:
    to: CaseStatus
    label: str | Promise
    needs_reason: bool = False
    # A step that ends the work on the case: shown apart from the main action and asked to
    # confirm, saying what will happen.
    consequence: str | Promise = ""
    # Taken only by the head of service's approval of the closure form (form 12), never
    # offered as a button of its own.
    by_closure_form: bool = False

    @property
    def destructive(self) -> bool:
        return bool(self.consequence)


_CLOSE = Transition(
    CaseStatus.CLOSED, _("Close the case"), needs_reason=True, by_closure_form=True,
    consequence=_("The case will be closed and become read-only. It can be reopened later."),
)  # fmt: skip
_REFER = Transition(
    CaseStatus.CLOSED_REFERRED, _("Close and refer"), needs_reason=True, by_closure_form=True,
    consequence=_(
        "The case will be closed and handed over to another institution; it becomes "
        "read-only. It can be reopened later."
    ),
)  # fmt: skip
_REOPEN = Transition(CaseStatus.ACTIVE, _("Reopen"), needs_reason=True)

TRANSITIONS: dict[CaseStatus, tuple[Transition, ...]] = {
    CaseStatus.OPENED: (Transition(CaseStatus.ACTIVE, _("Start the work")), _CLOSE, _REFER),
    CaseStatus.ACTIVE: (Transition(CaseStatus.FOLLOW_UP, _("Move to follow-up")), _CLOSE, _REFER),
    CaseStatus.FOLLOW_UP: (
        Transition(CaseStatus.ACTIVE, _("Back to active work")),
        _CLOSE,
        _REFER,
    ),
    CaseStatus.CLOSED: (_REOPEN,),
    CaseStatus.CLOSED_REFERRED: (_REOPEN,),
}


def allowed(status: str) -> tuple[Transition, ...]:
    return TRANSITIONS.get(CaseStatus(status), ())


def find(status: str, to: str) -> Transition | None:
    return next((t for t in allowed(status) if t.to == to), None)
