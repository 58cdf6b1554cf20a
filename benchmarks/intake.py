"""Intake at load: reports through the API (audit, clocks, notification in one transaction),
report saved → duty worker's notification queued, and one clock scan over many open reports;
each beside a floor measured in the same run."""

from __future__ import annotations

import datetime
import json
import statistics
import time
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from zastita.deadlines.public import Deadline, DeadlineState
from zastita.intake.clocks import clock_scan
from zastita.intake.models import (
    Report,
    Status,
)
from zastita.intake.roster import shift_create
from zastita.intake.services import PersonInput, ReportInput, report_create
from zastita.notifications.public import Notification
from zastita.partners.models import Organisation, Sector
from zastita.partners.services import api_key_confirm, api_key_request

BODY = {
    "municipality": "Крагујевац",
    "urgency": "child",
    "exploitation": ["ForcedBegging"],
    "narrative": "Синтетички опис пријаве за мерење: дете проси на раскрсници сваке ноћи.",
    "persons": [{"description": "дечак, око 12 година"}],
}


def _percentiles(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {
        "p50_ms": round(statistics.median(samples), 3),
        "p99_ms": round(samples[max(0, int(len(samples) * 0.99) - 1)], 3),
    }


def _floor_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_floor (id integer PRIMARY KEY, body text)")


def on_duty(head: Any, worker: Any) -> None:
    now = timezone.now()
    shift_create(actor=head, user=worker, kind="primary",
                 starts_at=now - datetime.timedelta(hours=1),
                 ends_at=now + datetime.timedelta(hours=20))  # fmt: skip


def _post_many(raw: str, path: str, first: int, count: int) -> float:
    """One server process's share: `count` POSTs through the whole Django stack."""
    connection.close()  # a forked process opens its own connection
    client = Client()
    body = json.dumps(BODY)
    start = time.perf_counter()
    for i in range(first, first + count):
        headers = {"Authorization": f"Bearer {raw}", "Idempotency-Key": f"bench-{i}",
                   "X-Row": str(i)}  # fmt: skip
        response = client.post(path, body, content_type="application/json", headers=headers)
        assert response.status_code == 201, response.content
    return time.perf_counter() - start


def _sustained(raw: str, path: str, n: int, processes: int, offset: int) -> float:
    """Requests per second over `processes` server processes (as gunicorn's workers), each
    sending its share back to back: the rate the 2-core machine sustains."""
    import multiprocessing

    share = n // processes
    connection.close()
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        start = time.perf_counter()
        shares = [(raw, path, offset + p * share, share) for p in range(processes)]
        pool.starmap(_post_many, shares)
        elapsed = time.perf_counter() - start
    return share * processes / elapsed


def api_intake(admin: Any, head: Any, n: int, processes: int = 2) -> dict[str, Any]:
    """Sustained POSTs with distinct Idempotency-Keys (audit, clocks, notification in each
    transaction), against a minimal endpoint doing one insert through the same middleware
    (the floor); one process, then `processes` in parallel."""
    organisation = Organisation.objects.create(name="Бенч школа", sector=Sector.EDUCATION)
    # A key that submits reports takes two people: the administrator asks, the head confirms.
    requested = api_key_request(actor=admin, organisation=organisation, label="bench",
                                capabilities=["reports.submit"])  # fmt: skip
    _key, raw = api_key_confirm(actor=head, key=requested)
    _floor_table()
    one = n / _post_many(raw, "/api/v1/reports", 0, n)
    parallel = _sustained(raw, "/api/v1/reports", n * processes, processes, offset=n)
    floor_one = n / _post_many(raw, "/bench/floor", 0, n)
    floor_parallel = _sustained(raw, "/bench/floor", n * processes, processes, offset=n)
    single = {"reports_per_s": round(one, 1),
              "floor_minimal_insert_endpoint_per_s": round(floor_one, 1)}  # fmt: skip
    return {"n": n, "processes": processes, "reports_per_s": round(parallel, 1),
            "floor_minimal_insert_endpoint_per_s": round(floor_parallel, 1),
            "one_process": single}  # fmt: skip


def notification_latency(worker: Any, n: int) -> dict[str, Any]:
    """From the call that saves a report to the duty worker's notification committed in the
    outbox (they commit together), beside a bare single-row insert."""
    samples = []
    for _ in range(n):
        data = ReportInput(
            channel="phone", received_at=timezone.now(), reporter_kind="anonymous",
            municipality="Ниш", urgency="immediate", narrative=BODY["narrative"],  # type: ignore[arg-type]
            persons=[PersonInput(description="жена", is_child=False)],
        )  # fmt: skip
        start = time.perf_counter()
        report = report_create(actor=worker, data=data)
        queued = Notification.objects.filter(
            subject_type="report", subject_id=report.pk, recipient=worker
        ).exists()
        samples.append((time.perf_counter() - start) * 1000)
        assert queued
    floor = []
    _floor_table()
    with connection.cursor() as cursor:
        for i in range(n):
            start = time.perf_counter()
            with transaction.atomic():
                cursor.execute("INSERT INTO bench_floor (id, body) VALUES (%s, %s)",
                               [10**9 + i, "x"])  # fmt: skip
            floor.append((time.perf_counter() - start) * 1000)
    return {
        "n": n,
        "saved_to_queued": _percentiles(samples),
        "floor_bare_insert": _percentiles(floor),
    }


def clock_scan_at_scale(count: int, due: int) -> dict[str, Any]:
    """`count` open reports with running clocks (bulk-made), `due` of them at a warning."""
    now = timezone.now()
    year = now.year + 1  # apart from the reports made above
    batch = 5000
    made = 0
    while made < count:
        size = min(batch, count - made)
        reports = Report.objects.bulk_create(
            Report(year=year, sequence=made + i + 1, status=Status.REGISTERED, channel="phone",
                   received_at=now, reporter_kind="anonymous", municipality="Београд",
                   urgency="ordinary", narrative="", key_id="t1")
            for i in range(size)
        )  # fmt: skip
        clocks = []
        for i, report in enumerate(reports):
            is_due = made + i < due
            # A 48-hour decision clock warning at half time: a minute ago, or in 23 hours.
            started = now - (datetime.timedelta(hours=24, minutes=1) if is_due
                             else datetime.timedelta(hours=1))  # fmt: skip
            allowed = datetime.timedelta(hours=48)
            clocks.append(Deadline(
                kind="intake.decision", variant="ordinary", subject_type="report",
                subject_id=report.pk, state=DeadlineState.RUNNING, started_at=started,
                allowed=allowed, warn_at_percent=[50], due_at=started + allowed,
                next_check_at=started + allowed / 2,
            ))  # fmt: skip
        Deadline.objects.bulk_create(clocks)
        made += size
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE intake_report, deadlines_deadline")
    start = time.perf_counter()
    counts = clock_scan(limit=max(due, 1))
    busy = time.perf_counter() - start
    start = time.perf_counter()
    idle_counts = clock_scan()
    idle = time.perf_counter() - start
    start = time.perf_counter()
    running = Deadline.objects.filter(state=DeadlineState.RUNNING).count()
    floor = time.perf_counter() - start
    assert counts["warning"] == due
    assert not any(idle_counts.values())
    return {
        "open_reports": count, "running_clocks": running, "due_in_scan": due,
        "scan_with_due_s": round(busy, 3), "scan_nothing_due_s": round(idle, 4),
        "floor_count_running_s": round(floor, 4),
    }  # fmt: skip
