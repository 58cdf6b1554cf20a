"""The outbox of messages about a subject (type, id) and each user's choice of channels.

A row carries the kind's code, the subject's type and id and a dedupe key: never a name, a
place or any narrative (the text is made from the kind at delivery, of codes and numbers).
The platform knows no domain model: the owning app registered the kind
(zastita.core.registries.notifications).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.core.models import BaseModel


class NotificationChannel(models.TextChoices):
    IN_APP = "in_app", _("in the application")
    EMAIL = "email", _("e-mail")
    WEBHOOK = "webhook", _("webhook (SMS gateway)")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("waiting")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Notification(models.Model):
    """An outbox row: one per recipient and channel (the webhook's has no recipient: it goes
    to the operator's configured target). `dedupe` makes "exactly once" a database
    constraint, not a hope."""

    subject_type = models.CharField(max_length=40)
    subject_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=8, choices=NotificationChannel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    urgent = models.BooleanField(default=False)
    dedupe = models.CharField(max_length=200, unique=True)
    state = models.CharField(
        max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.CharField(max_length=200, blank=True)  # a status code, never a body
    created_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="notifications_outbox_due"),
            models.Index(fields=["subject_type", "subject_id"], name="notifications_subject"),
            # The unread count and the duty board's poll read only the unread rows.
            models.Index(
                fields=["recipient", "channel", "read_at"],
                condition=models.Q(read_at__isnull=True),
                name="notifications_unread",
            ),
            # A user's list newest first, and the newest one's id, without reading them all.
            models.Index(
                fields=["recipient", "channel", "-created_at", "-id"], name="notifications_inbox"
            ),
        ]
        constraints = [
            # A person's message has its person; the pager's has none.
            models.CheckConstraint(
                condition=(
                    models.Q(channel=NotificationChannel.WEBHOOK, recipient__isnull=True)
                    | (
                        ~models.Q(channel=NotificationChannel.WEBHOOK)
                        & models.Q(recipient__isnull=False)
                    )
                ),
                name="notifications_recipient_or_webhook",
            ),
        ]

    def __str__(self) -> str:
        return self.dedupe


class NotificationPreference(BaseModel):
    """The channels a user wants for one kind (no row: every channel the kind allows). An
    urgent kind ignores it: it always reaches them in the application and by e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    channels = models.JSONField(default=list)

    class Meta:
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_one_preference")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.kind}"
