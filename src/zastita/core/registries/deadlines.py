"""Deadline kinds: what a domain app tells the deadlines platform about the clocks it runs on
its subjects (registered in its `AppConfig.ready()`).

The platform stores the deadlines, moves them through warnings, the breach and the
escalation, and keeps the targets as data the head of service edits. The owning app says
what the deadline is about (`subject_type`), how long it runs when nobody has set a target
(`default_target`, in hours or days, per variant such as the urgency), who is told at each
step (`recipients`), where the subject's page is (`link`), and, when the start or the stop
depends on its own records, a `scanner` run before each pass.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from zastita.core.registries import Registry

# The steps a deadline takes, in order; each is claimed once.
WARNING = "warning"
BREACH = "breach"
ESCALATION = "escalation"
STEPS = (WARNING, BREACH, ESCALATION)


def _nobody(subject_id: int, step: str, at: datetime.datetime) -> list[Any]:
    return []


def _no_link(subject_id: int) -> str:
    return ""


@dataclass(frozen=True)
class StepNotice:
    """What happened to one deadline, given to the kind's `on_step` in the transaction that
    claimed the step: ids and codes only, never a name or a narrative."""

    deadline_id: int
    kind: str
    variant: str
    subject_type: str
    subject_id: int
    step: str  # WARNING, BREACH or ESCALATION
    tag: str  # which warning ("0", "1"...); empty for the breach and the escalation
    at: datetime.datetime
    due_at: datetime.datetime
    recipients: tuple[Any, ...]
    link: str


@dataclass(frozen=True)
class DeadlineKind:
    """One kind of deadline.

    `default_target` is the time allowed when the Center has set no target; a variant
    (`variants`, e.g. the urgency of a report) may have its own in `variant_targets`.
    `recipients(subject_id, step, at)` returns the users told at that step (`at` is the
    pass's time, the same for every deadline of a pass): the platform writes
    them a message of the kind `notify_as[step]` through the notifications platform, and
    calls `on_step(notice)` if given, both in the transaction that claimed the step;
    `scanner(now)` starts and stops the kind's deadlines from the app's own
    state before each pass and returns counts by name.
    """

    code: str
    label: str | Promise
    subject_type: str
    default_target: datetime.timedelta
    warn_at_percent: tuple[int, ...] = (50, 80)
    variants: tuple[tuple[str, str | Promise], ...] = ()
    variant_targets: Mapping[str, datetime.timedelta] = field(default_factory=dict)
    recipients: Callable[[int, str, datetime.datetime], Iterable[Any]] = _nobody
    link: Callable[[int], str] = _no_link
    on_step: Callable[[StepNotice], object] | None = None
    # Or, instead of `on_step`: the notification kind (registered with the notifications
    # platform) written at each step, e.g. {"breach": "intake.breach"}.
    notify_as: Mapping[str, str] = field(default_factory=dict)
    # The prefix of the audit record types of its events ("deadline_start", "deadline_breach"):
    # a kind whose history was audited under another name keeps it.
    audit_as: str = "deadline"
    scanner: Callable[[datetime.datetime], dict[str, int]] | None = None
    # Given the subject ids of the kind's deadlines due in a pass (and the pass's time) before
    # they are advanced: a kind whose `recipients` reads its subjects loads them all at once.
    prefetch: Callable[[list[int], datetime.datetime], object] | None = None

    def default_for(self, variant: str = "") -> datetime.timedelta:
        return self.variant_targets.get(variant, self.default_target)

    def variant_label(self, variant: str) -> str:
        return next((str(label) for code, label in self.variants if code == variant), variant)


deadline_kinds: Registry[DeadlineKind] = Registry("deadline kinds")
