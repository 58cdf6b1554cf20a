"""Background work for intake, run by `zastita worker`."""

from __future__ import annotations

from django.tasks import task


@task()
def deliver_notifications() -> int:
    """Sends the e-mails and webhook calls that are due (enqueued after each commit that
    writes some; the worker's periodic pass is the safety net)."""
    from zastita.intake.notifications import deliver_due

    return deliver_due()


def periodic_pass() -> dict[str, int]:
    """What the worker does every ZASTITA_CLOCK_INTERVAL seconds: advance the clocks that
    are due, then deliver the outbox."""
    from zastita.intake.clocks import clock_scan
    from zastita.intake.notifications import deliver_due

    counts = clock_scan()
    counts["delivered"] = deliver_due()
    return counts
