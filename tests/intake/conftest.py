"""Fixtures for reports: input factories, a duty shift, a head of service."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone

from zastita.accounts.models import User
from zastita.intake.models import Report
from zastita.intake.roster import shift_create
from zastita.intake.services import PersonInput, ReportInput, report_create

NARRATIVE = "Девојчица од око 15 година ради у кафићу ноћу; газда јој држи пасош."


def report_input(**overrides: object) -> ReportInput:
    data = ReportInput(
        channel="phone", received_at=timezone.now(), reporter_kind="anonymous",
        municipality="Крагујевац", exploitation=["SexualExploitation"], urgency="ordinary",
        narrative=NARRATIVE, persons=[PersonInput(description="девојчица, око 15", is_child=True)],
    )  # fmt: skip
    for name, value in overrides.items():
        setattr(data, name, value)
    return data


@pytest.fixture
def head(make_user) -> User:
    return make_user("head_of_service", username="head1")


@pytest.fixture
def duty_worker(make_user) -> User:
    return make_user("duty_worker", username="duty1")


@pytest.fixture
def on_shift(head, duty_worker) -> Callable[..., object]:
    """Puts a user on duty now (primary unless told otherwise)."""

    def put(user: User | None = None, kind: str = "primary", hours: int = 8) -> object:
        now = timezone.now()
        return shift_create(
            actor=head, user=user or duty_worker, kind=kind,
            starts_at=now - datetime.timedelta(hours=1),
            ends_at=now + datetime.timedelta(hours=hours),
        )  # fmt: skip

    return put


@pytest.fixture
def make_report(worker_user) -> Callable[..., Report]:
    def make(actor: User | None = None, **overrides: object) -> Report:
        return report_create(actor=actor or worker_user, data=report_input(**overrides))

    return make


def in_threads(work: Callable[[int], object], count: int) -> list[BaseException]:
    """Runs `work(i)` in `count` threads started together, each with its own database
    connection (closed at the end); returns what they raised."""
    import threading

    from django.db import close_old_connections, connection

    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            work(i)
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors
