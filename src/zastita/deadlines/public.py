"""What the domain apps use of the deadlines platform: register a `DeadlineKind` (in
`zastita.core.registries.deadlines`) in `AppConfig.ready()`, start, stop, pause and resume
deadlines on their subjects, and list a subject's deadlines for its page."""

from __future__ import annotations

from zastita.core.registries.deadlines import (
    BREACH,
    ESCALATION,
    STEPS,
    WARNING,
    DeadlineKind,
    StepNotice,
    deadline_kinds,
)
from zastita.deadlines.models import Deadline, DeadlinePause, DeadlineState, DeadlineTarget
from zastita.deadlines.selectors import (
    deadlines_for_subject,
    duration_text,
    kind_label,
    next_due,
    overdue_count,
    overdue_subject_ids,
    running_by_subject,
    running_deadlines,
)
from zastita.deadlines.services import (
    deadline_pause,
    deadline_resume,
    deadline_scan,
    deadline_start,
    deadline_stop,
    deadline_target_set,
    deadlines_start,
    deadlines_stop,
    pause_history_reason,
    pause_reason,
    start_subjects,
    target_in_force,
)

__all__ = [
    "BREACH",
    "ESCALATION",
    "STEPS",
    "WARNING",
    "Deadline",
    "DeadlineKind",
    "DeadlinePause",
    "DeadlineState",
    "DeadlineTarget",
    "StepNotice",
    "deadline_kinds",
    "deadline_pause",
    "deadline_resume",
    "deadline_scan",
    "deadline_start",
    "deadline_stop",
    "deadline_target_set",
    "deadlines_for_subject",
    "deadlines_start",
    "deadlines_stop",
    "duration_text",
    "kind_label",
    "next_due",
    "overdue_count",
    "overdue_subject_ids",
    "pause_history_reason",
    "pause_reason",
    "running_by_subject",
    "running_deadlines",
    "start_subjects",
    "target_in_force",
]
