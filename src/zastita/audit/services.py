"""Writing audit events: always inside the caller's transaction, always chained."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from zastita.audit.chain import sign
from zastita.audit.models import Action, AuditEvent, ChainHead, Purpose
from zastita.core import request_context
from zastita.core.crypto import keyring


@dataclass(frozen=True)
class Subject:
    object_type: str
    object_id: str = ""
    # When one call records several kinds of event (a report created, its clocks started).
    action: Action | None = None


def _actor_fields(actor: object | None) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, ""
    return actor.pk, getattr(actor, "role_codes", "")  # type: ignore[attr-defined]


def audit_record(
    *,
    action: Action,
    actor: object | None,
    subjects: Iterable[Subject] = (),
    object_type: str = "",
    object_id: str | int = "",
    purpose: Purpose | str = "",
    reason_ref: str = "",
    api_key_id: int | None = None,
) -> list[AuditEvent]:
    """Appends one event per subject (or one with the given object) to the chain.

    Runs in the caller's transaction: if the caller's work rolls back, so does its audit.
    The chain head is locked until that transaction ends, which orders all writers.
    """
    items = list(subjects) or [Subject(object_type, str(object_id))]
    ctx = request_context.current()
    actor_id, roles = _actor_fields(actor)
    now = timezone.now()
    active_key = keyring().active_id
    # No savepoint: an audit write that fails must fail the caller's whole transaction.
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        events = []
        for item in items:
            event = AuditEvent(
                seq=head.seq + 1,
                occurred_at=now,
                actor_id=actor_id,
                actor_roles=roles[:200],
                api_key_id=api_key_id,
                action=item.action or action,
                object_type=item.object_type,
                object_id=str(item.object_id)[:64],
                purpose=str(purpose),
                reason_ref=reason_ref,
                request_id=ctx.request_id,
                ip=ctx.ip,
                prev_hash=head.hash,
            )
            event.key_id = active_key
            _kid, event.hash = sign(event, key_id=active_key)
            head.seq, head.hash = event.seq, event.hash
            events.append(event)
        AuditEvent.objects.bulk_create(events)
        head.save(update_fields=["seq", "hash"])
    return events


def audit_lock() -> None:
    """Takes the audit chain's lock now, for a transaction that will also take another lock
    (a register's number): the chain always first, so that two such transactions never
    wait on each other in opposite order (a deadlock on PostgreSQL)."""
    _locked_head()


def _locked_head() -> ChainHead:
    """The chain head, locked. A missing head (only possible by tampering: triggers refuse
    its deletion) is rebuilt from the last event, so intake keeps working; `audit verify`
    still reports the gap, and the rebuild itself is the next event in the chain."""
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    last = AuditEvent.objects.order_by("-seq").first()
    try:
        # Two first writers at once: one creates the head, the other waits for it and
        # takes it locked.
        with transaction.atomic():
            if last is None:
                return ChainHead.objects.create(pk=1)
            return ChainHead.objects.create(pk=1, seq=last.seq, hash=last.hash)
    except IntegrityError:
        return ChainHead.objects.select_for_update().get(pk=1)


def audit_denial(
    *, actor: object | None, object_type: str, object_id: str = "", api_key_id: int | None = None
) -> None:
    """Records a refused access. Called where the refused work has already rolled back (the
    error middleware, the API's error handler), so the record commits on its own."""
    with transaction.atomic():
        audit_record(
            action=Action.DENIED,
            actor=actor,
            object_type=object_type or "unknown",
            object_id=object_id,
            purpose=Purpose.SECURITY,
            api_key_id=api_key_id,
        )
