"""Identifications opened before assignments existed are assigned to the worker who opened
them (as a new one is), with that as the first change of their history."""

from django.db import migrations


def forwards(apps, schema_editor):
    Identification = apps.get_model("identification", "Identification")
    AssignmentChange = apps.get_model("assignments", "AssignmentChange")
    for identification in Identification.objects.filter(assigned_to=None).iterator():
        Identification.objects.filter(pk=identification.pk).update(
            assigned_to_id=identification.created_by_id
        )
        change = AssignmentChange.objects.create(
            subject_type="identification", subject_id=identification.pk,
            assignee_id=identification.created_by_id, changed_by_id=identification.created_by_id,
            taken=True, coworker_ids=[],
        )
        AssignmentChange.objects.filter(pk=change.pk).update(created_at=identification.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("identification", "0006_assignment_fields"),
        ("assignments", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
