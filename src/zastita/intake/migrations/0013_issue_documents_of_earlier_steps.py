"""Reports registered or decided before forms 1 and 2 were issued as documents get them now:
each dated when its step happened, marked as issued later, with the worker who took the step
as its author (intake.documents.reissue_for_existing_reports).

It runs today's code, so it runs only where such reports exist (an installation upgraded to
this version); on a new database there is nothing to issue and nothing runs."""

from django.db import migrations


def issue_documents(apps, schema_editor):  # type: ignore[no-untyped-def]
    Report = apps.get_model("intake", "Report")
    if not Report.objects.exclude(status="received").exists():
        return
    from zastita.intake.documents import reissue_for_existing_reports

    reissue_for_existing_reports()


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0012_clocks_to_deadlines"),
        ("documents", "0001_initial"),
        ("notifications", "0002_move_intake_notifications"),
        ("writtenforms", "0001_initial"),
    ]

    # Issued documents are not taken back: going back leaves them in the register.
    operations = [migrations.RunPython(issue_documents, migrations.RunPython.noop)]
