"""The list pages as the years pile up: each page timed on a small data set, then again
after it grows to a large one, beside the floor (a signed-in health check) in the same run.

A size is a number of reports, spread over three years; everything else follows from it:
one person concerned per report (drawn from a pool of registry persons), an identification
for six reports in ten (those of open reports under way, the rest decided), running
clocks for the open reports (one report in ten; a third of the clocks past their time),
ten audit events per report, seven notifications per report spread over the staff (the
benchmark's worker gets one in ten, all but a few read), and a document for every other
report. Rows are bulk-made, synthetic, with no personal data. The staff (50 and more) are in eight
teams and every record belongs to one: the worker's pages are measured through the
need-to-know scope, as a worker sees them.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection
from django.test import Client
from django.utils import timezone

from zastita.accounts.models import Team, User
from zastita.audit.models import Action, AuditEvent
from zastita.deadlines.public import Deadline, DeadlineState
from zastita.documents.models import Document, DocumentTemplate
from zastita.identification.models import Identification, IdentificationStatus
from zastita.intake.models import Report, ReportPerson, Status
from zastita.notifications.public import Notification, NotificationChannel
from zastita.people.models import Person

from .audit import _latencies

BATCH = 2000
# Apart from the other benchmarks' reports, events and documents.
SEQUENCE_BASE = 5_000_000
AUDIT_SEQ_BASE = 2 * 10**12

PAGES = {
    "reports": "/reports/",
    "reports_page_back": None,  # the page after the first, through its cursor
    "identifications_open": "/identification/?state=open",
    "identifications_decided": "/identification/?state=decided",
    "access_log": "/audit/access-log/",
    "access_log_page_back": None,
    "duty_board": "/duty/",
    "notification_poll": "/notifications/state/?since=0",
    "documents_register": "/documents/",
}


def _chunks(start: int, stop: int) -> Iterator[range]:
    for first in range(start, stop, BATCH):
        yield range(first, min(first + BATCH, stop))


def _persons(pool: int) -> list[int]:
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:pool])
    if len(ids) < pool:
        from zastita.people.seeding import seed_persons

        seed_persons(pool - len(ids), seed=97)
        ids = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:pool])
    return ids


def _template(author: User) -> DocumentTemplate:
    found = DocumentTemplate.objects.filter(type_code="bench.list").first()
    return found or DocumentTemplate.objects.create(
        type_code="bench.list", version=1, body="<p></p>", author=author
    )


TEAMS = 8


def teams(staff: list[User], worker: User) -> list[Team]:
    """The staff in `TEAMS` teams (the benchmark's worker in the first): each seeded record
    belongs to one, so the worker's lists go through the need-to-know scope and see about
    an eighth of the records, plus those assigned to them."""
    made = []
    for k in range(TEAMS):
        team, _ = Team.objects.get_or_create(name=f"Bench team {k}")
        team.members.add(*[u for i, u in enumerate(staff) if i % TEAMS == k])
        made.append(team)
    made[0].members.add(worker)
    return made


def seed(start: int, stop: int, *, staff: list[User], worker: User) -> dict[str, int]:
    """Reports number `start` to `stop` (and what follows from them, see the module); run
    again with the next range to grow the set."""
    rng = random.Random(start)
    now = timezone.now()
    persons = _persons(50)
    template = _template(staff[0])
    groups = teams(staff, worker)
    three_years = 3 * 365 * 24 * 3600
    made = dict.fromkeys(
        ["reports", "identifications", "clocks", "audit_events", "notifications", "documents"],
        0,
    )
    for chunk in _chunks(start, stop):
        reports = []
        for i in chunk:
            received = now - datetime.timedelta(seconds=rng.randrange(3600, three_years))
            open_ = i % 10 == 0
            reports.append(Report(
                year=received.year, sequence=SEQUENCE_BASE + i, received_at=received,
                status=Status.REGISTERED if open_ else Status.CLOSED, channel="phone",
                reporter_kind="anonymous", municipality="Београд", urgency="ordinary",
                narrative="", key_id="t1",
                assigned_to=None if i % 30 == 0 else staff[i % len(staff)],
                team=groups[i % TEAMS],
            ))  # fmt: skip
        reports = Report.objects.bulk_create(reports)
        people = ReportPerson.objects.bulk_create(
            ReportPerson(report=r, person_id=persons[i % len(persons)])
            for i, r in zip(chunk, reports, strict=True)
        )
        identifications = [
            Identification(
                report_person=rp, person_id=persons[i % len(persons)],
                created_by=staff[i % len(staff)], team=groups[i % TEAMS],
                assigned_to=staff[i % len(staff)],
                status=IdentificationStatus.IN_PROGRESS if i % 10 == 0
                else IdentificationStatus.DECIDED,
            )
            for i, rp in zip(chunk, people, strict=True) if i % 10 < 6
        ]  # fmt: skip
        Identification.objects.bulk_create(identifications)
        clocks = []
        for i, r in zip(chunk, reports, strict=True):
            if i % 10:
                continue
            started = now - datetime.timedelta(hours=rng.randrange(1, 96))
            allowed = datetime.timedelta(hours=48)
            clocks.append(Deadline(
                kind="intake.decision", variant="ordinary", subject_type="report",
                subject_id=r.pk, state=DeadlineState.RUNNING, started_at=started,
                allowed=allowed, warn_at_percent=[50], due_at=started + allowed,
                next_check_at=started + allowed,
            ))  # fmt: skip
        Deadline.objects.bulk_create(clocks)
        events = [
            AuditEvent(
                seq=AUDIT_SEQ_BASE + i * 10 + k, occurred_at=r.received_at,
                actor=staff[(i + k) % len(staff)], action=Action.VIEW, object_type="report",
                object_id=str(r.pk), key_id="x", prev_hash="0" * 64, hash="0" * 64,
            )
            for i, r in zip(chunk, reports, strict=True) for k in range(10)
        ]  # fmt: skip
        AuditEvent.objects.bulk_create(events, batch_size=BATCH)
        notes = []
        for i, r in zip(chunk, reports, strict=True):
            for k in range(7):
                mine = (i * 7 + k) % 10 == 0
                notes.append(Notification(
                    subject_type="report", subject_id=r.pk, kind="bench.note",
                    channel=NotificationChannel.IN_APP,
                    recipient=worker if mine else staff[(i + k) % len(staff)],
                    dedupe=f"bench-list-{i}-{k}", state="sent", next_attempt_at=r.received_at,
                    created_at=r.received_at,
                    read_at=None if (mine and i % 500 == 0) else r.received_at,
                ))  # fmt: skip
        Notification.objects.bulk_create(notes, batch_size=BATCH)
        documents = [
            Document(
                register="bench", year=r.received_at.year, number=SEQUENCE_BASE + i,
                type_code="bench.list", subject_type="report", subject_id=r.pk,
                step_key=f"bench-{i}", issued_at=r.received_at, author=staff[0],
                template=template, content_type="application/pdf", size=1,
                storage_name=f"bench-list-{i}", sha256="0" * 64, key_id="t1",
            )
            for i, r in zip(chunk, reports, strict=True) if i % 2 == 0
        ]  # fmt: skip
        Document.objects.bulk_create(documents)
        made["reports"] += len(reports)
        made["identifications"] += len(identifications)
        made["clocks"] += len(clocks)
        made["audit_events"] += len(events)
        made["notifications"] += len(notes)
        made["documents"] += len(documents)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return made


def signed_in(user: User) -> Client:
    """A client signed in as `user`, past the second factor (as the floor's client is)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from zastita.accounts.models import SealedTOTPDevice

    device = SealedTOTPDevice.issue(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user, backend="zastita.accounts.backends.UsernameBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _second_page(client: Client, url: str) -> str:
    """The address of the page after the first (through the first page's cursor)."""
    page = client.get(url).context["page"]
    assert page.has_next, url
    return url.split("?")[0] + page.next_url


def _getter(client: Client, url: str) -> Callable[[], object]:
    return lambda: client.get(url)


def measure(clients: dict[str, Client], n: int) -> dict[str, Any]:
    """Each list page's p50 and p95 (ms), and the floor, signed in, in this run."""
    worker, dpo = clients["worker"], clients["dpo"]
    urls = dict(PAGES)
    urls["reports_page_back"] = _second_page(worker, "/reports/")
    urls["access_log_page_back"] = _second_page(dpo, "/audit/access-log/")
    results: dict[str, Any] = {}
    for name, url in urls.items():
        client = dpo if name.startswith("access_log") else worker
        assert url is not None
        response = client.get(url)  # warm, and check it is served
        assert response.status_code == 200, (name, response.status_code)
        results[name] = _latencies(n, _getter(client, url))
    results["floor_health_check"] = _latencies(n, lambda: worker.get("/healthz"))
    return results


def growth(small: dict[str, Any], large: dict[str, Any]) -> dict[str, float]:
    """p50 large / p50 small, per page."""
    return {
        name: round(large[name]["p50_ms"] / small[name]["p50_ms"], 2)
        for name in small
        if small[name]["p50_ms"]
    }


def run(
    clients: dict[str, Client], *, staff: list[User], worker: User, small: int, large: int,
    n: int,
) -> dict[str, Any]:  # fmt: skip
    """Builds the small set and measures, grows it to the large one and measures again."""
    seeded_small = seed(0, small, staff=staff, worker=worker)
    at_small = measure(clients, n)
    seed(small, large, staff=staff, worker=worker)
    at_large = measure(clients, n)
    return {
        "sizes": {"small_reports": small, "large_reports": large, "small": seeded_small},
        "small": at_small,
        "large": at_large,
        "growth_p50": growth(at_small, at_large),
        "n": n,
    }
