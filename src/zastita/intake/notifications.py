"""Notifications through an outbox: a row per recipient and channel, written in the same
transaction as the event, delivered by the worker after commit.

A notification carries the kind, the report's registry number and a link: never a name, a
place or any narrative. In-app rows are delivered by being written; e-mail goes through
Django's mail backend (SMTP in production); the webhook (an SMS gateway, a pager) gets a
JSON POST signed with HMAC-SHA256, retried with exponential backoff.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zastita.core.transactions import after_commit
from zastita.intake.models import (
    DeliveryState,
    Notification,
    NotificationChannel,
    NotificationKind,
    Report,
    ResponseClock,
)

log = logging.getLogger(__name__)

LEASE = datetime.timedelta(minutes=5)  # a claimed row not finished by then is retried
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 6 * 3600


def notify(
    kind: str, report: Report, recipients: Iterable[object], *,
    clock: ResponseClock | None = None, tag: str = "", at: datetime.datetime | None = None,
    urgent: bool = True,
) -> list[Notification]:  # fmt: skip
    """Writes the outbox rows (call inside the event's transaction); delivery starts after
    commit. The dedupe key makes a second write of the same event a no-op. Only an urgent
    notification goes to the webhook (the pager or SMS gateway)."""
    at = at or timezone.now()
    subject = f"{kind}:{clock.pk if clock else report.pk}:{tag}"
    rows = []
    for user in recipients:
        uid = getattr(user, "pk", None)
        rows.append(Notification(
            kind=kind, channel=NotificationChannel.IN_APP, recipient_id=uid, report=report,
            clock=clock, dedupe=f"{subject}:app:{uid}", state=DeliveryState.SENT,
            next_attempt_at=at, created_at=at, sent_at=at,
        ))  # fmt: skip
        if getattr(user, "email", ""):
            rows.append(Notification(
                kind=kind, channel=NotificationChannel.EMAIL, recipient_id=uid, report=report,
                clock=clock, dedupe=f"{subject}:mail:{uid}", next_attempt_at=at, created_at=at,
            ))  # fmt: skip
    if urgent and settings.ZASTITA_WEBHOOK_URL:
        rows.append(Notification(
            kind=kind, channel=NotificationChannel.WEBHOOK, report=report, clock=clock,
            dedupe=f"{subject}:hook", next_attempt_at=at, created_at=at,
        ))  # fmt: skip
    created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if any(n.channel != NotificationChannel.IN_APP for n in rows):
        after_commit(_enqueue_delivery)
    return created


def outbox_job() -> dict[str, int]:
    """The worker's periodic pass over the outbox: the safety net behind the task."""
    return {"delivered": deliver_due()}


@task()
def deliver_notifications() -> int:
    """Sends the e-mails and webhook calls that are due (enqueued after each commit that
    writes some; the worker's periodic pass is the safety net)."""
    return deliver_due()


def _enqueue_delivery() -> None:
    try:
        deliver_notifications.enqueue()
    except Exception:  # the worker's periodic pass delivers anyway
        log.warning("Could not enqueue notification delivery; the next scan will deliver.")


def path(notification: Notification) -> str:
    """Where the message leads: the report, or for a decision awaiting approval the list of
    those awaiting (ids only, never anything about the person)."""
    if notification.kind == NotificationKind.APPROVAL:
        return reverse("identification:list") + "?awaiting_approval=on"
    return reverse("intake:report_detail", args=[notification.report_id])


def link(notification: Notification) -> str:
    return settings.ZASTITA_SITE_URL + path(notification)


def text(notification: Notification) -> str:
    """The whole message: the kind and the registry number. Nothing else about the report."""
    labels = {
        NotificationKind.NEW_REPORT: _("New report %(number)s"),
        NotificationKind.WARNING: _("Report %(number)s: response time running out"),
        NotificationKind.BREACH: _("Report %(number)s: response time missed"),
        NotificationKind.ESCALATION: _("Report %(number)s: escalated to the head of service"),
        NotificationKind.APPROVAL: _("Report %(number)s: a decision awaits approval"),
    }
    return labels[NotificationKind(notification.kind)] % {"number": notification.report.number}


def _payload(notification: Notification) -> bytes:
    data = {
        "id": notification.pk,
        "kind": notification.kind,
        "report_number": notification.report.number,
        "link": link(notification),
        "created_at": notification.created_at.isoformat(),
    }
    return json.dumps(data, separators=(",", ":")).encode()


def signature(body: bytes, timestamp: str, secret: str) -> str:
    """`X-Zastita-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">`."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def _send_webhook(notification: Notification) -> None:
    body = _payload(notification)
    timestamp = str(int(timezone.now().timestamp()))
    request = urllib.request.Request(  # noqa: S310 - the URL is the operator's configuration
        settings.ZASTITA_WEBHOOK_URL, data=body, method="POST",
        headers={"Content-Type": "application/json",
                 "X-Zastita-Signature": signature(body, timestamp, settings.ZASTITA_WEBHOOK_SECRET),
                 "Idempotency-Key": notification.dedupe},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(
                request.full_url, response.status, "", response.headers, None
            )


def _send_email(notification: Notification) -> None:
    recipient = notification.recipient
    assert recipient is not None
    with translation.override(getattr(recipient, "language", None) or "sr"):
        subject = text(notification)
        body = _("%(message)s\n\nOpen it in Zastita: %(link)s") % {
            "message": subject, "link": link(notification)}  # fmt: skip
        send_mail(f"[Заштита] {subject}", body, None, [recipient.email])


def backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(
        seconds=min(BACKOFF_BASE_SECONDS * 2 ** (attempts - 1), BACKOFF_MAX_SECONDS)
    )


def deliver_due(now: datetime.datetime | None = None, *, limit: int = 100) -> int:
    """Sends what is due. Each row is claimed by a conditional UPDATE (pending → sending),
    so two workers never send one row twice; a row left "sending" by a killed worker is
    retried after the lease."""
    now = now or timezone.now()
    Notification.objects.filter(
        state=DeliveryState.SENDING, next_attempt_at__lte=now - LEASE
    ).update(state=DeliveryState.PENDING)
    due = list(
        Notification.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)
        .select_related("report", "recipient")
        .order_by("next_attempt_at")[:limit]
    )
    sent = 0
    for n in due:
        claimed = Notification.objects.filter(pk=n.pk, state=DeliveryState.PENDING).update(
            state=DeliveryState.SENDING, attempts=n.attempts + 1, next_attempt_at=now
        )
        if not claimed:
            continue
        n.attempts += 1
        try:
            if n.channel == NotificationChannel.WEBHOOK:
                _send_webhook(n)
            else:
                _send_email(n)
        except Exception as exc:
            error = exc.__class__.__name__
            if isinstance(exc, urllib.error.HTTPError):
                error = f"HTTP {exc.code}"
            final = n.attempts >= settings.ZASTITA_WEBHOOK_MAX_ATTEMPTS
            Notification.objects.filter(pk=n.pk).update(
                state=DeliveryState.FAILED if final else DeliveryState.PENDING,
                next_attempt_at=now + backoff(n.attempts), last_error=error[:200],
            )  # fmt: skip
            log.warning("Notification %s attempt %s failed: %s", n.pk, n.attempts, error)
            continue
        with transaction.atomic():
            Notification.objects.filter(pk=n.pk).update(
                state=DeliveryState.SENT, sent_at=timezone.now(), last_error=""
            )
        sent += 1
    return sent
