"""Side effects (mail, notifications, tasks, webhooks) start only after the data commits."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction


def after_commit(fn: Callable[[], object]) -> None:
    transaction.on_commit(fn, robust=True)
