"""Delivery of the outbox: e-mail through Django's mail backend (SMTP in production), the
webhook (an SMS gateway, a pager) as a JSON POST signed with HMAC-SHA256; both retried with
exponential backoff. In-app rows are delivered by being written.

Started after the commit that wrote the rows (a task) and by the worker's periodic pass, the
safety net. Each row is claimed by a conditional UPDATE, so two workers never send it twice.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zastita.core.registries.notifications import notification_kinds
from zastita.notifications.messages import link, text
from zastita.notifications.models import DeliveryState, Notification, NotificationChannel

log = logging.getLogger(__name__)

LEASE = datetime.timedelta(minutes=5)  # a claimed row not finished by then is retried
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 6 * 3600
# The webhook speaks the Center's language.
WEBHOOK_LANGUAGE = "sr"


def outbox_job() -> dict[str, int]:
    """The worker's periodic pass over the outbox: the safety net behind the task."""
    return {"delivered": deliver_due()}


@task()
def deliver_notifications() -> int:
    """Sends the e-mails and webhook calls that are due (enqueued after each commit that
    writes some; the worker's periodic pass is the safety net)."""
    return deliver_due()


def enqueue_delivery() -> None:
    try:
        deliver_notifications.enqueue()
    except Exception:  # the worker's periodic pass delivers anyway
        log.warning("Could not enqueue notification delivery; the next scan will deliver.")


def payload(notification: Notification) -> bytes:
    """The webhook's body: the kind, the subject's type and id, the message (codes and
    numbers, in Serbian) and the link. Nothing else about the subject."""
    data = {
        "id": notification.pk,
        "kind": notification.kind,
        "subject_type": notification.subject_type,
        "subject_id": notification.subject_id,
        "text": text(notification, WEBHOOK_LANGUAGE),
        "link": link(notification),
        "created_at": notification.created_at.isoformat(),
    }
    spec = notification_kinds.find(notification.kind)
    if spec is not None and spec.webhook_fields is not None:
        data.update(spec.webhook_fields(notification.subject_id))
    return json.dumps(data, separators=(",", ":")).encode()


def signature(body: bytes, timestamp: str, secret: str) -> str:
    """`X-Zastita-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">`."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def _send_webhook(notification: Notification) -> None:
    body = payload(notification)
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
    language = getattr(recipient, "language", None) or "sr"
    with translation.override(language):
        subject = text(notification, language)
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
        .select_related("recipient")
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
