"""Field-visit clocks stopped by "Start identification" are put right.

Until now the step "Start identification" marked a report's field-visit clock as met, with
no field interview recorded. Only the persons' field interviews meet it now, and it waits
for every person of the report (see `zastita.intake.clocks.field_visit_refresh`). Each
field-visit clock marked met or met late is recomputed under that rule, replaying the
report's history: met (or met late) at the time the last person was seen; cancelled at the
time the report was closed or discontinued, if that came first; otherwise running again,
with its next check at the first warning not yet sent (or its due time), so the next clock
pass sends what is still due: a clock already overdue breaches and escalates at once.

Going back leaves the rows as they are: the old state was wrong.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import migrations
from django.db.models import Min

FIELD_VISIT = "field_visit"
RUNNING, MET, MISSED, CANCELLED = "running", "met", "missed", "cancelled"


def _next_check(clock: Any) -> datetime.datetime | None:
    # As `clocks._next_check`, copied: a migration does not import code that may change.
    if clock.warnings_sent < len(clock.warn_times):
        return datetime.datetime.fromisoformat(clock.warn_times[clock.warnings_sent])
    if clock.breached_at is None:
        return clock.due_at
    return None


def _recompute(apps: Any, clock: Any) -> tuple[str, datetime.datetime | None]:
    """The state and stop time the clock has under the rule."""
    ReportPerson = apps.get_model("intake", "ReportPerson")
    ReportTransition = apps.get_model("intake", "ReportTransition")
    Interview = apps.get_model("identification", "Interview")
    seen = dict(
        Interview.objects.filter(
            kind="field", identification__report_person__report_id=clock.report_id
        )
        .values("identification__report_person")
        .annotate(first=Min("held_at"))
        .values_list("identification__report_person", "first")
    )
    done: list[datetime.datetime] = []
    waiting = False
    persons = ReportPerson.objects.filter(report_id=clock.report_id).values_list(
        "pk", "set_aside_at"
    )
    for pk, set_aside_at in persons:
        times = [t for t in (seen.get(pk), set_aside_at) if t is not None]
        if not times:
            waiting = True
            break
        done.append(min(times))
    resolved = None if waiting or not done else max(done)
    ended = (
        ReportTransition.objects.filter(
            report_id=clock.report_id, to_status__in=["closed", "discontinued"]
        )
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    if resolved is not None and (ended is None or resolved <= ended):
        if not seen:
            return CANCELLED, resolved
        return (MET if resolved <= clock.due_at else MISSED), resolved
    if ended is not None:
        return CANCELLED, ended
    return RUNNING, None


def forwards(apps: Any, schema_editor: Any) -> None:
    ResponseClock = apps.get_model("intake", "ResponseClock")
    stopped = ResponseClock.objects.filter(kind=FIELD_VISIT, state__in=[MET, MISSED]).order_by("pk")
    for clock in stopped.iterator():
        state, stopped_at = _recompute(apps, clock)
        if (state, stopped_at) == (clock.state, clock.stopped_at):
            continue
        if state == RUNNING and (
            ResponseClock.objects.filter(
                report_id=clock.report_id, kind=FIELD_VISIT, state=RUNNING
            ).exists()
        ):
            continue  # the report has another running field-visit clock already
        clock.state, clock.stopped_at = state, stopped_at
        clock.next_check_at = _next_check(clock) if state == RUNNING else None
        clock.save(update_fields=["state", "stopped_at", "next_check_at", "updated_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0005_report_person_set_aside"),
        ("identification", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
