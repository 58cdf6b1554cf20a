"""Intake's notification kinds, registered with the notifications platform at start-up: a
new report, a response time running out, missed, escalated. Each message is the kind and
the report's registry number, and leads to the report: never a name, a place or any
narrative. The outbox, delivery and retries are the platform's (zastita.notifications).
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from zastita.intake.models import NotificationKind, Report
from zastita.notifications.public import NotificationKindSpec, notification_kinds

SUBJECT = "report"


def _texts() -> dict[str, str]:
    return {
        NotificationKind.NEW_REPORT: _("New report %(number)s"),
        NotificationKind.WARNING: _("Report %(number)s: response time running out"),
        NotificationKind.BREACH: _("Report %(number)s: response time missed"),
        NotificationKind.ESCALATION: _("Report %(number)s: escalated to the head of service"),
    }


def _text(kind: str) -> Callable[[int, str], str]:
    def text(report_id: int, language: str) -> str:
        number = Report.objects.only("year", "sequence").get(pk=report_id).number
        with translation.override(language):
            return _texts()[kind] % {"number": number}

    return text


def report_number(report_id: int) -> dict[str, str]:
    """For the webhook's receiver (the SMS gateway), as before the move: the number only."""
    return {"report_number": Report.objects.only("year", "sequence").get(pk=report_id).number}


def report_link(subject_type: str, subject_id: int) -> str:
    return reverse("intake:report_detail", args=[subject_id])


# Made once: registering the same specs again (a second `ready()` in tests) is harmless.
SPECS = [
    NotificationKindSpec(
        code=kind.value,
        label=kind.label,
        text=_text(kind.value),
        link=report_link,
        urgent=True,
        webhook_fields=report_number,
    )
    for kind in NotificationKind
]


def register_kinds() -> None:
    """Every intake kind is urgent: it pages (in the application, by e-mail and the
    webhook) whatever the recipient chose."""
    for spec in SPECS:
        notification_kinds.register(spec.code, spec)


__all__ = ["SPECS", "register_kinds"]
