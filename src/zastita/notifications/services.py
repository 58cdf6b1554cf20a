"""Writes: the outbox rows of an event, a user's choice of channels, marking as read."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action
from zastita.audit.services import audit_record
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.registries.notifications import (
    EMAIL,
    IN_APP,
    WEBHOOK,
    NotificationKindSpec,
    notification_kinds,
)
from zastita.core.transactions import after_commit
from zastita.notifications.models import (
    DeliveryState,
    Notification,
    NotificationChannel,
    NotificationPreference,
)


def chosen_channels(spec: NotificationKindSpec, user_ids: Iterable[int]) -> dict[int, set[str]]:
    """The personal channels each user gets for this kind: an urgent kind always pages (in
    the application and by e-mail, whatever they chose); otherwise their choice, or every
    channel the kind allows if they made none."""
    allowed = set(spec.personal_channels)
    ids = [uid for uid in user_ids if uid is not None]
    chosen = {uid: set(allowed) for uid in ids}
    if spec.urgent or not ids:
        return chosen
    for pref in NotificationPreference.objects.filter(user_id__in=ids, kind=spec.code):
        chosen[pref.user_id] = allowed & set(pref.channels)
    return chosen


def notify(
    *, kind: str, subject_type: str, subject_id: int, recipients: Iterable[object],
    tag: str = "", urgent: bool | None = None, at: datetime.datetime | None = None,
) -> list[Notification]:  # fmt: skip
    """Writes the outbox rows of one event (call inside the event's transaction); delivery
    starts after commit. The dedupe key (kind, subject, tag, channel, recipient) makes a
    second write of the same event a no-op. `urgent` defaults to the kind's; only an urgent
    message goes to the webhook (the pager or SMS gateway), if the kind allows it."""
    spec = notification_kinds.get(kind)
    urgent = spec.urgent if urgent is None else urgent
    at = at or timezone.now()
    key = f"{kind}:{subject_type}:{subject_id}:{tag}"
    users: dict[int, object] = {}
    for user in recipients:
        uid = getattr(user, "pk", None)
        if uid is not None:  # a message is always someone's (or the pager's)
            users[uid] = user
    chosen = chosen_channels(spec, users) if not urgent else {
        uid: set(spec.personal_channels) for uid in users}  # fmt: skip
    common = {"kind": kind, "subject_type": subject_type, "subject_id": subject_id,
              "urgent": urgent, "next_attempt_at": at, "created_at": at}  # fmt: skip
    rows = []
    for uid, user in users.items():
        if IN_APP in chosen[uid]:
            # Delivered by being written.
            rows.append(Notification(
                channel=NotificationChannel.IN_APP, recipient_id=uid, dedupe=f"{key}:app:{uid}",
                state=DeliveryState.SENT, sent_at=at, **common,
            ))  # fmt: skip
        if EMAIL in chosen[uid] and str(getattr(user, "email", "") or ""):
            rows.append(Notification(
                channel=NotificationChannel.EMAIL, recipient_id=uid, dedupe=f"{key}:mail:{uid}",
                **common,
            ))  # fmt: skip
    if urgent and WEBHOOK in spec.channels and settings.ZASTITA_WEBHOOK_URL:
        rows.append(Notification(
            channel=NotificationChannel.WEBHOOK, dedupe=f"{key}:hook", **common))  # fmt: skip
    for row in rows:
        if len(row.dedupe) > 200:
            raise ValueError(f"notification key too long: {row.dedupe[:60]}…")
    created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if any(n.channel != NotificationChannel.IN_APP for n in rows):
        from zastita.notifications.delivery import enqueue_delivery

        after_commit(enqueue_delivery)
    return created


@transaction.atomic(durable=True)
def notifications_mark_read(*, actor: User) -> int:
    """Marks the actor's own unread in-app messages as read; nobody else's."""
    return Notification.objects.filter(
        recipient=actor, channel=NotificationChannel.IN_APP, read_at__isnull=True
    ).update(read_at=timezone.now())


@transaction.atomic(durable=True)
def preference_set(
    *, actor: User, user: User, choices: dict[str, list[str]]
) -> list[NotificationPreference]:
    """Sets `user`'s channels per kind (kind code -> channels). Only the user sets their own;
    a kind that is urgent, unknown, or a channel the kind does not allow is refused, and
    nothing is saved."""
    if actor.pk != user.pk:
        raise PermissionDenied(object_type="notification_preference", object_id=str(user.pk))
    errors: dict[str, list[str]] = {}
    for code, channels in choices.items():
        spec = notification_kinds.find(code)
        if spec is None:
            errors[code] = [_("There is no such kind of notification.")]
        elif spec.urgent:
            errors[code] = [_("Urgent notifications always come; they cannot be turned off.")]
        elif not set(channels) <= set(spec.personal_channels):
            errors[code] = [_("This kind of notification cannot be sent that way.")]
    if errors:
        raise ValidationError(fields=errors)
    saved = []
    for code, channels in choices.items():
        spec = notification_kinds.get(code)
        ordered = [c for c in spec.personal_channels if c in channels]
        pref, _created = NotificationPreference.objects.update_or_create(
            user=user, kind=code, defaults={"channels": ordered}
        )
        saved.append(pref)
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="notification_preference",
        object_id=user.pk,
    )  # fmt: skip
    return saved
