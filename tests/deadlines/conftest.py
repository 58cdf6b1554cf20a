"""A toy kind of deadline registered for the tests (subject "toy"), taken away after each
test, and the users who set the targets and read them."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from zastita.accounts.models import User
from zastita.core.registries.deadlines import (
    ESCALATION,
    DeadlineKind,
    StepNotice,
    deadline_kinds,
)

START = datetime.datetime(2026, 3, 7, 22, 0, tzinfo=datetime.UTC)  # a Saturday night


@dataclass
class Toy:
    """What the toy app was told, and whom it tells: the kind's callbacks write here."""

    kind: DeadlineKind
    notices: list[StepNotice] = field(default_factory=list)
    workers: list[Any] = field(default_factory=list)
    heads: list[Any] = field(default_factory=list)
    scanned: list[datetime.datetime] = field(default_factory=list)
    prefetched: list[list[int]] = field(default_factory=list)

    def steps(self, step: str) -> list[StepNotice]:
        return [n for n in self.notices if n.step == step]


def make_toy() -> Toy:
    toy: Toy

    def recipients(subject_id: int, step: str, at: datetime.datetime) -> list[Any]:
        return list(toy.heads if step == ESCALATION else toy.workers)

    def scanner(now: datetime.datetime) -> dict[str, int]:
        toy.scanned.append(now)
        return {"toy.scanned": 1}

    kind = DeadlineKind(
        code="toy.repair", label="Toy repair", subject_type="toy",
        default_target=datetime.timedelta(hours=10), warn_at_percent=(50, 80),
        variants=(("urgent", "urgent"), ("ordinary", "ordinary")),
        variant_targets={"urgent": datetime.timedelta(hours=2)},
        recipients=recipients, link=lambda subject_id: f"/toys/{subject_id}/",
        on_step=lambda notice: toy.notices.append(notice), scanner=scanner,
        prefetch=lambda subject_ids, now: toy.prefetched.append(sorted(subject_ids)),
    )  # fmt: skip
    toy = Toy(kind=kind)
    return toy


@pytest.fixture
def toy() -> Iterator[Toy]:
    made = make_toy()
    deadline_kinds.register(made.kind.code, made.kind)
    yield made
    deadline_kinds.unregister(made.kind.code)


@pytest.fixture
def head(make_user) -> User:
    return make_user("head_of_service", username="head1")


@pytest.fixture
def director(make_user) -> User:
    return make_user("director", username="director1")
