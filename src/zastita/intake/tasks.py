"""Background work for intake, run by `zastita worker`."""

from __future__ import annotations

import time

from django.conf import settings
from django.tasks import task

# When the next sweep of orphaned files is due (a monotonic time): it lists the whole
# directory and asks every file's row, so once an hour is enough, not every pass.
_next_sweep = 0.0


@task()
def deliver_notifications() -> int:
    """Sends the e-mails and webhook calls that are due (enqueued after each commit that
    writes some; the worker's periodic pass is the safety net)."""
    from zastita.intake.notifications import deliver_due

    return deliver_due()


def periodic_pass() -> dict[str, int]:
    """What the worker does every ZASTITA_CLOCK_INTERVAL seconds: advance the clocks that
    are due, then deliver the outbox; and now and then remove the files a crash left
    without their row (`core.files.sweep`) and the drafts past their expiry."""
    from zastita.intake.clocks import clock_scan
    from zastita.intake.notifications import deliver_due

    global _next_sweep
    counts = clock_scan()
    counts["delivered"] = deliver_due()
    if time.monotonic() >= _next_sweep:
        from zastita.core.files.sweep import sweep_orphans

        counts["orphans_removed"] = sweep_orphans()
        from zastita.drafts.services import drafts_purge_expired

        counts["drafts_expired"] = drafts_purge_expired()
        _next_sweep = time.monotonic() + getattr(settings, "ZASTITA_ORPHAN_SWEEP_INTERVAL", 3600)
    return counts
