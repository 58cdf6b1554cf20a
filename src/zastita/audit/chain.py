"""The signature of one audit event and the verification of the whole chain."""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass

from zastita.audit.models import AuditEvent
from zastita.core.crypto import PURPOSE_AUDIT, keyring

GENESIS = "0" * 64
RECORD_MODELS = [
    "accounts.User",
    "people.Person",
    "intake.Report",
    "identification.Identification",
    "partners.ApiKey",
]


def canonical(event: AuditEvent) -> bytes:
    fields = [
        event.seq,
        event.occurred_at.isoformat(),
        event.actor_id,
        event.actor_roles,
        event.api_key_id,
        event.action,
        event.object_type,
        event.object_id,
        event.purpose,
        event.reason_ref,
        event.request_id,
        event.ip,
        event.key_id,
        event.prev_hash,
    ]
    return json.dumps(fields, separators=(",", ":"), default=str).encode()


def sign(event: AuditEvent, key_id: str | None = None) -> tuple[str, str]:
    return keyring().sign(canonical(event), purpose=PURPOSE_AUDIT, key_id=key_id)


@dataclass(frozen=True)
class Problem:
    event_id: int | None
    seq: int | None
    kind: str  # "changed", "inserted", "removed", "unprotected"
    detail: str

    def __str__(self) -> str:
        where = f"row id {self.event_id} (seq {self.seq})" if self.event_id else "chain"
        return f"{self.kind.upper()}: {where}: {self.detail}"


def check_anchor(seq: int, expected_hash: str) -> Problem | None:
    """An anchor is a head (seq and hash) recorded outside the database at some time; the row
    must still be there, unchanged. This catches a rewritten tail that the chain alone cannot."""
    event = AuditEvent.objects.filter(seq=seq).first()
    if event is None:
        return Problem(None, seq, "removed", f"the anchored row seq {seq} is missing")
    if not hmac.compare_digest(event.hash, expected_hash):
        return Problem(event.id, seq, "changed", "it does not match the recorded anchor")
    return None


def _valid(event: AuditEvent) -> bool:
    try:
        _kid, expected = sign(event, key_id=event.key_id)
    except Exception:  # an unknown key id is as good as a forged signature
        return False
    return hmac.compare_digest(expected, event.hash)


def records_held() -> int:
    """How many accounts, people, reports, identifications and partner keys the database
    holds. Each of them is created by a service that writes an audit event."""
    from django.apps import apps

    return sum(apps.get_model(label).objects.count() for label in RECORD_MODELS)


def unprotected() -> list[Problem]:
    """One problem for each append-only trigger that is missing or disabled."""
    from django.db import connection

    from zastita.audit import triggers

    return [
        Problem(None, None, "unprotected", f"the database trigger {name} is missing or disabled")
        for name in triggers.missing(connection)
    ]


def verify(batch_size: int = 5000) -> Iterator[Problem]:
    """Yields every problem found; yields nothing for an intact chain.

    A row whose signature fails is "inserted" when the chain runs past it (the next row links
    to the row before it), and "changed" otherwise. A gap in the sequence, or a broken link
    between two genuine rows, means rows were removed, and so does an empty trail in a
    database that holds records. Missing append-only triggers are reported first.
    """
    from zastita.audit.models import ChainHead

    yield from unprotected()
    prev_hash, expected_seq = GENESIS, 1
    suspect: tuple[AuditEvent, str, int] | None = None
    for event in AuditEvent.objects.order_by("seq", "id").iterator(chunk_size=batch_size):
        if suspect is not None:
            bad, bad_prev, bad_seq = suspect
            if event.prev_hash == bad_prev:
                yield Problem(bad.id, bad.seq, "inserted", "a row that is not part of the chain")
                prev_hash, expected_seq = bad_prev, bad_seq
            else:
                yield Problem(
                    bad.id, bad.seq, "changed", "its content does not match its signature"
                )
                prev_hash, expected_seq = bad.hash, bad.seq + 1
            suspect = None
        if not _valid(event):
            suspect = (event, prev_hash, expected_seq)
            continue
        if event.seq > expected_seq:
            yield Problem(
                event.id,
                event.seq,
                "removed",
                f"rows with seq {expected_seq}..{event.seq - 1} are missing before this row",
            )
        elif event.seq < expected_seq:
            yield Problem(event.id, event.seq, "inserted", "a repeated sequence number")
        elif event.prev_hash != prev_hash:
            yield Problem(event.id, event.seq, "removed", "the link to the previous row is broken")
        prev_hash, expected_seq = event.hash, event.seq + 1
    head = ChainHead.objects.filter(pk=1).first()
    if head is None and expected_seq > 1:
        yield Problem(None, None, "removed", "the chain head is missing")
    if expected_seq == 1 and (held := records_held()):
        # Every record is created by an audited service: an empty trail beside them was wiped.
        yield Problem(
            None,
            None,
            "removed",
            f"the trail is empty{' and its head is missing' if head is None else ''}"
            f" but the database holds {held} record(s)",
        )
    if suspect is not None:
        bad, bad_prev, bad_seq = suspect
        if head is not None and head.hash == bad_prev:
            yield Problem(bad.id, bad.seq, "inserted", "a row that is not part of the chain")
            prev_hash, expected_seq = bad_prev, bad_seq
        else:
            yield Problem(bad.id, bad.seq, "changed", "its content does not match its signature")
            prev_hash, expected_seq = bad.hash, bad.seq + 1
    if head is not None and (head.seq != expected_seq - 1 or head.hash != prev_hash):
        yield Problem(
            None,
            head.seq,
            "removed",
            f"the chain head is at seq {head.seq} but the last row is seq {expected_seq - 1}",
        )
