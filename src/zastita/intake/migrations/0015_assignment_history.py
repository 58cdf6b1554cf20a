"""The history of assignments starts with what each report already had: a report with an
assigned worker gets one change, "taken" by that worker, dated when they took it (first
contact, else when the report was made)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Report = apps.get_model("intake", "Report")
    AssignmentChange = apps.get_model("assignments", "AssignmentChange")
    reports = Report.objects.exclude(assigned_to=None).only(
        "pk", "assigned_to_id", "first_contact_at", "created_at"
    )
    for report in reports.iterator():
        change = AssignmentChange.objects.create(
            subject_type="report", subject_id=report.pk, assignee_id=report.assigned_to_id,
            changed_by_id=report.assigned_to_id, taken=True, coworker_ids=[],
        )
        # auto_now_add dated it today: it is dated when the report was taken.
        AssignmentChange.objects.filter(pk=change.pk).update(
            created_at=report.first_contact_at or report.created_at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0014_assignment_fields"),
        ("assignments", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
