"""The data migrations that start the history of assignments: a report keeps its assignee as
a first change, dated when it was taken; an identification from before is assigned to who
opened it. Run here with today's models on records made as before (no history, no
identification's assignee)."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from zastita.assignments.models import AssignmentChange
from zastita.identification.models import Identification
from zastita.intake.models import Report

pytestmark = pytest.mark.django_db


def test_existing_reports_and_identifications_get_their_first_change(
    accepted, identification, worker_user
):
    AssignmentChange.objects.all().delete()
    Identification.objects.filter(pk=identification.pk).update(assigned_to=None)
    report = Report.objects.get(pk=accepted.pk)

    import_module("zastita.intake.migrations.0015_assignment_history").forwards(apps, None)
    import_module("zastita.identification.migrations.0007_assigned_to_who_opened").forwards(
        apps, None
    )

    [taken] = AssignmentChange.objects.filter(subject_type="report")
    assert (taken.subject_id, taken.assignee, taken.changed_by, taken.taken) == (
        report.pk, worker_user, worker_user, True,
    )  # fmt: skip
    assert taken.created_at == report.first_contact_at
    identification.refresh_from_db()
    assert identification.assigned_to == identification.created_by
    opened = AssignmentChange.objects.get(subject_type="identification")
    assert opened.created_at == identification.created_at
