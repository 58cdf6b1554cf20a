"""What intake asks of the apps above it, without importing them (see `core.slots`).

Identification fills these in its `AppConfig.ready()`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from zastita.core.slots import Slot

# The identifications opened for a report's persons: {report person id: identification id}.
# Given the report person ids.
report_person_identifications: Slot[dict[int, int]] = Slot("report person identifications")

# When each of a report's persons was first seen in the field: {report person id: time}.
# Given the report. The field-visit clock stops when everyone is seen or set aside.
report_persons_seen: Slot[dict[int, datetime.datetime]] = Slot("report persons seen")

# Entries for the report's timeline from the steps taken elsewhere: (time, what, actor id).
# Given the report and a function that names a report person ("P-…" or "no. 2").
TimelineRow = tuple[datetime.datetime, str, int | None]
report_timeline_rows: Slot[list[TimelineRow]] = Slot("report timeline rows")

PersonLabel = Callable[[int], str]
