"""The deadlines of a case's work on the platform (a plan's task, the next review): one way
to register a kind with its three notification kinds (due soon, overdue, escalated). The
messages carry the case's number and a date, never a name or a narrative; the warning and
the breach go to the case manager (and whoever else the kind names), the escalation to the
head of service."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.utils import translation
from django.utils.functional import Promise

from zastita.accounts.capabilities import Capability
from zastita.core.registries.deadlines import BREACH, ESCALATION, WARNING
from zastita.core.registries.notifications import (
    EMAIL,
    IN_APP,
    NotificationKindSpec,
    notification_kinds,
)
from zastita.deadlines.public import DeadlineKind, deadline_kinds

STEPS = (WARNING, BREACH, ESCALATION)
# Each kind is made once: registering the same objects again (a second `ready()`, when a test
# installs another app) is harmless, new ones would be refused as a second registration.
_MADE: dict[str, tuple[DeadlineKind, dict[str, NotificationKindSpec]]] = {}


def heads() -> list[Any]:
    from zastita.intake.public import users_with

    return list(users_with(Capability.CASES_COORDINATE))


def register_clock(
    *, code: str, label: str | Promise, subject_type: str, default: datetime.timedelta,
    warn_at: tuple[int, ...], workers: Callable[[int], list[Any]], link: Callable[[int], str],
    messages: Mapping[str, str | Promise], labels: Mapping[str, str | Promise],
    values: Callable[[int], dict[str, str]],
    prefetch: Callable[[list[int], datetime.datetime], object] | None = None,
) -> DeadlineKind:  # fmt: skip
    """Registers the deadline kind `code` and its notification kinds `code` + step."""
    if code in _MADE:
        spec, kinds = _MADE[code]
        deadline_kinds.register(code, spec)
        for kind_code, notification in kinds.items():
            notification_kinds.register(kind_code, notification)
        return spec
    notify = {step: f"{code}_{step}" for step in STEPS}

    def recipients(subject_id: int, step: str, at: datetime.datetime) -> list[Any]:
        if step == ESCALATION:
            return heads()
        return list(dict.fromkeys(workers(subject_id))) or heads()

    spec = DeadlineKind(
        code=code, label=label, subject_type=subject_type, default_target=default,
        warn_at_percent=warn_at, recipients=recipients, link=link, notify_as=notify,
        prefetch=prefetch,
    )  # fmt: skip
    made: dict[str, NotificationKindSpec] = {}
    for step, kind in notify.items():

        def text(subject_id: int, language: str, step: str = step) -> str:
            with translation.override(language):
                return str(messages[step]) % values(subject_id)

        made[kind] = NotificationKindSpec(
            code=kind, label=labels[step], text=text,
            link=lambda _type, subject_id: link(subject_id), channels=(IN_APP, EMAIL),
        )  # fmt: skip
    _MADE[code] = (spec, made)
    return register_clock(code=code, label=label, subject_type=subject_type, default=default,
                          warn_at=warn_at, workers=workers, link=link, messages=messages,
                          labels=labels, values=values, prefetch=prefetch)  # fmt: skip
