"""The worker's periodic pass: each app registers the jobs it needs run now and then (the
clocks, the outbox, the sweeps) in its `AppConfig.ready()`; `zastita worker` runs them.

A job that fails is logged by its type and does not stop the others; the next pass runs it
again. Jobs are written to be run by several workers at once (each step is claimed by a
conditional UPDATE), so a pass may be repeated safely.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from zastita.core.registries import Registry

log = logging.getLogger("zastita.worker")


@dataclass(frozen=True)
class PeriodicJob:
    """`run` returns counts by name (what it did), for the worker's log. `every` names the
    setting holding the interval in seconds; None runs the job on every pass."""

    name: str
    run: Callable[[], dict[str, int]]
    every: str | None = None
    default_seconds: float = 3600.0


periodic_jobs: Registry[PeriodicJob] = Registry("periodic jobs")

# When each job with an interval is next due (monotonic time), in this process.
_next_run: dict[str, float] = {}


def reset_schedule() -> None:
    """Makes every job due at the next pass (tests, and a worker's start)."""
    _next_run.clear()


def periodic_pass() -> dict[str, int]:
    """Runs the jobs that are due, in the order the apps registered them."""
    counts: dict[str, int] = {}
    now = time.monotonic()
    for job in periodic_jobs:
        if job.every is not None:
            if now < _next_run.get(job.name, 0.0):
                continue
            interval = float(getattr(settings, job.every, job.default_seconds))
            _next_run[job.name] = now + interval
        try:
            counts.update(job.run())
        except Exception as exc:  # one job's failure must not stop the others
            # The type only: a database error's text can carry the values of its statement.
            log.error("The periodic job %s failed (%s); it will run again.", job.name,
                      type(exc).__name__)  # fmt: skip
    return counts
