"""The notifications' section of the subject-access export: the messages the Center's staff
got about the person's records (their kind, when and by which channel). Recipients are staff
and appear by nothing here; the messages carry no personal data."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zastita.core.registries.notifications import notification_kinds
from zastita.core.registries.subject_access import SectionData
from zastita.notifications.models import Notification, NotificationChannel


def notifications_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    data = SectionData(
        labels={"kind": _("kind"), "sent_at": _("When"), "channel": _("Channel")},
        choices={"channel": dict(NotificationChannel.choices)},
    )
    if not subjects:
        return data
    about = Q(pk__in=[])
    for subject_type, subject_id in subjects:
        about |= Q(subject_type=subject_type, subject_id=subject_id)
    for row in Notification.objects.filter(about).order_by("created_at", "pk"):
        spec = notification_kinds.find(row.kind)
        data.rows.append(
            {
                "kind": str(spec.label) if spec is not None else row.kind,
                "sent_at": row.created_at.isoformat(),
                "channel": row.channel,
            }
        )
    return data
