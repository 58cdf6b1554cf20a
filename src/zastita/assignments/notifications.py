"""The notification kind of each assignable type: "Report 0012/2026 is assigned to you".
Codes and numbers only; the link leads to the record's page."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zastita.core.registries.assignments import AssignableType
from zastita.core.registries.notifications import (
    EMAIL,
    IN_APP,
    NotificationKindSpec,
    notification_kinds,
)


def register_kind(spec: AssignableType) -> None:
    def text(subject_id: int, language: str) -> str:
        with translation.override(language):
            return _("Assigned to you: %(record)s %(reference)s") % {
                "record": str(spec.label), "reference": spec.reference(subject_id),
            }  # fmt: skip

    code = f"assignments.{spec.code}"
    notification_kinds.register(code, NotificationKindSpec(
        code=code,
        label=gettext_lazy("A record is assigned to you: %(records)s") % {
            "records": spec.label_plural
        },
        text=text, link=lambda _type, subject_id: spec.link(subject_id),
        channels=(IN_APP, EMAIL),
    ))  # fmt: skip
