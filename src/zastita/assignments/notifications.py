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


def _glass_text(subject_id: int, language: str) -> str:
    from zastita.assignments.models import GlassAccess
    from zastita.core.registries.scopes import scoped_types

    row = GlassAccess.objects.select_related("actor").get(pk=subject_id)
    spec = scoped_types.find(row.subject_type)
    with translation.override(language):
        return _("%(worker)s opened %(record)s %(reference)s with a stated reason.") % {
            "worker": row.actor.full_name, "record": str(spec.label) if spec else "",
            "reference": spec.reference(row.subject_id) if spec else "",
        }  # fmt: skip


def _glass_link(_subject_type: str, _subject_id: int) -> str:
    from django.urls import reverse

    return reverse("assignments:glass_list")


GLASS_KIND = NotificationKindSpec(
    code="assignments.glass",
    label=gettext_lazy("A record was opened with a stated reason (break-the-glass)"),
    text=_glass_text, link=_glass_link, channels=(IN_APP, EMAIL),
)  # fmt: skip


def register_glass_kind() -> None:
    notification_kinds.register(GLASS_KIND.code, GLASS_KIND)
