"""A toy kind on a toy subject, registered for a test and taken away after: the platform
works for a kind it has never heard of, with no change to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from zastita.notifications.public import NotificationKindSpec, notification_kinds

TOY = "toy.ping"
TOY_QUIET = "toy.quiet"


def _toy_text(subject_id: int, language: str) -> str:
    with translation.override(language):
        return f"Toy {subject_id} ({language})"


def _toy_link(subject_type: str, subject_id: int) -> str:
    return f"/toys/{subject_id}/"


@pytest.fixture
def toy_kinds() -> Iterator[tuple[NotificationKindSpec, NotificationKindSpec]]:
    """An urgent toy kind (every channel) and a quiet one (in the application or by e-mail,
    as the recipient chooses)."""
    urgent = NotificationKindSpec(
        code=TOY, label="toy ping", text=_toy_text, link=_toy_link, urgent=True
    )
    quiet = NotificationKindSpec(
        code=TOY_QUIET, label="toy news", text=_toy_text, link=_toy_link,
        channels=("in_app", "email"),
    )  # fmt: skip
    notification_kinds.register(TOY, urgent)
    notification_kinds.register(TOY_QUIET, quiet)
    yield urgent, quiet
    notification_kinds.unregister(TOY)
    notification_kinds.unregister(TOY_QUIET)
