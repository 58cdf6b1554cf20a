"""What intake offers the apps beside and above it. Another app imports intake only from here
(`make lint` checks it): the reports' types, the steps it may take on a report, and the
slots through which intake asks for what those apps know (`intake.slots`)."""

from __future__ import annotations

from zastita.intake.clocks import field_visit_refresh
from zastita.intake.models import (
    Exploitation,
    Report,
    ReportOutcome,
    ReportPerson,
    Status,
)
from zastita.intake.roster import users_with
from zastita.intake.services import (
    person_description,
    report_lock,
    report_outcome_set,
    report_person_link,
    report_person_link_in_transaction,
    report_places,
    transition_in_transaction,
)
from zastita.intake.slots import (
    PersonLabel,
    TimelineRow,
    report_person_identifications,
    report_persons_seen,
    report_timeline_rows,
)
from zastita.intake.views import report_page

__all__ = [
    "Exploitation",
    "PersonLabel",
    "Report",
    "ReportOutcome",
    "ReportPerson",
    "Status",
    "TimelineRow",
    "field_visit_refresh",
    "person_description",
    "report_lock",
    "report_outcome_set",
    "report_page",
    "report_person_identifications",
    "report_person_link",
    "report_person_link_in_transaction",
    "report_persons_seen",
    "report_places",
    "report_timeline_rows",
    "transition_in_transaction",
    "users_with",
]
