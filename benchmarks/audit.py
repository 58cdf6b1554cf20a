"""The audit trail's hot paths: chained writes, audited page reads, chain verification."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.test import Client
from django.utils import timezone

from zastita.audit.chain import verify
from zastita.audit.models import Action, AuditEvent
from zastita.audit.services import audit_record


def _rate(n: int, fn: Callable[[int], object]) -> float:
    start = time.perf_counter()
    for i in range(n):
        fn(i)
    return n / (time.perf_counter() - start)


def _latencies(n: int, fn: Callable[[], object]) -> dict[str, float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 3),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 3),
    }


def _latencies_in_turn(n: int, fns: dict[str, Callable[[], object]]) -> dict[str, Any]:
    """p50 and p95 of each of `fns`, taken in turn (one request of each, `n` times), so
    that a machine whose speed drifts while they run weighs on each alike."""
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(n):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - start) * 1000)
    out: dict[str, Any] = {}
    for name, values in samples.items():
        values.sort()
        out[name] = {"p50_ms": round(statistics.median(values), 3),
                     "p95_ms": round(values[int(len(values) * 0.95) - 1], 3)}  # fmt: skip
    return out


def audit_write(n: int, actor: Any) -> float:
    """One chained, signed event per transaction: events per second."""

    def chained(i: int) -> None:
        with transaction.atomic():
            audit_record(action=Action.VIEW, actor=actor, object_type="bench", object_id=i)

    return _rate(n, chained)


def bare_insert(n: int) -> float:
    """The floor: the same row inserted without chain lock or signature (run last: these
    rows are outside the chain)."""

    def bare(i: int) -> None:
        with transaction.atomic():
            AuditEvent.objects.create(
                seq=10**12 + i,
                occurred_at=timezone.now(),
                action=Action.VIEW,
                object_type="floor",
                object_id=str(i),
                key_id="x",
                prev_hash="0" * 64,
                hash="0" * 64,
            )

    return _rate(n, bare)


def audited_read(n: int, client: Client) -> dict[str, Any]:
    """An audited page with personal data, against the unaudited health check."""
    client.get("/manage/users/")
    return {
        "audited_page": _latencies(n, lambda: client.get("/manage/users/")),
        "floor_health_check": _latencies(n, lambda: client.get("/healthz")),
        "n": n,
    }


def chain_verify() -> dict[str, Any]:
    rows = AuditEvent.objects.count()
    start = time.perf_counter()
    problems = list(verify())
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    for _row in AuditEvent.objects.order_by("seq").iterator(chunk_size=5000):
        pass
    floor = time.perf_counter() - start
    return {
        "rows": rows,
        "verify_rows_per_s": round(rows / elapsed, 1) if elapsed else None,
        "floor_plain_scan_rows_per_s": round(rows / floor, 1) if floor else None,
        "problems": len(problems),
    }
