"""The report workflow: one transition table, read by the one transition service.

received → registered → (accepted | forwarded | rejected) → identification → closed;
any open report can be discontinued with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zastita.intake.models import ClockKind, Status


@dataclass(frozen=True)
class Transition:
    to: Status
    label: str | Promise
    needs_reason: bool = False
    needs_forwarded_to: bool = False
    # Clocks this step stops, and the one it starts.
    stops: tuple[ClockKind, ...] = ()
    starts: ClockKind | None = None
    is_decision: bool = False
    # A step that ends the report's work: shown apart from the main action, and asked to
    # confirm, saying what will happen.
    consequence: str | Promise = ""

    @property
    def destructive(self) -> bool:
        return bool(self.consequence)


_DISCONTINUE = Transition(
    Status.DISCONTINUED, _("Discontinue"), needs_reason=True,
    stops=(ClockKind.FIRST_CONTACT, ClockKind.DECISION, ClockKind.FIELD_VISIT),
    consequence=_(
        "The report will be discontinued: its clocks stop and no further step can be taken "
        "on it. This cannot be undone."
    ),
)  # fmt: skip
_CLOSE = Transition(
    Status.CLOSED, _("Close"),
    consequence=_(
        "The report will be closed: no further step can be taken on it. This cannot be undone."
    ),
)  # fmt: skip

TRANSITIONS: dict[Status, tuple[Transition, ...]] = {
    Status.RECEIVED: (
        # Registering is the duty worker's first contact with the report, if none was noted.
        Transition(
            Status.REGISTERED,
            pgettext_lazy("report step", "Register"),
            stops=(ClockKind.FIRST_CONTACT,),
        ),
        _DISCONTINUE,
    ),
    Status.REGISTERED: (
        Transition(
            Status.ACCEPTED,
            _("Accept for identification"),
            is_decision=True,
            stops=(ClockKind.DECISION,),
            starts=ClockKind.FIELD_VISIT,
        ),
        Transition(
            Status.FORWARDED,
            _("Forward to the competent body"),
            is_decision=True,
            needs_forwarded_to=True,
            stops=(ClockKind.DECISION,),
        ),
        Transition(
            Status.REJECTED,
            _("Reject"),
            is_decision=True,
            needs_reason=True,
            stops=(ClockKind.DECISION,),
            consequence=_(
                "The report will be rejected: its decision clock stops and it can then only "
                "be closed. This cannot be undone."
            ),
        ),
        _DISCONTINUE,
    ),
    Status.ACCEPTED: (
        # Starting identification is paperwork: it stops no clock. The field-visit clock is
        # met only by the persons' field interviews (clocks.field_visit_refresh).
        Transition(Status.IDENTIFICATION, _("Start identification")),
        _DISCONTINUE,
    ),
    Status.IDENTIFICATION: (
        _CLOSE,
        _DISCONTINUE,
    ),
    Status.FORWARDED: (_CLOSE,),
    Status.REJECTED: (_CLOSE,),
    Status.DISCONTINUED: (),
    Status.CLOSED: (),
}


def allowed(current: str) -> tuple[Transition, ...]:
    return TRANSITIONS.get(Status(current), ())


def find(current: str, to: str) -> Transition | None:
    return next((t for t in allowed(current) if t.to == to), None)
