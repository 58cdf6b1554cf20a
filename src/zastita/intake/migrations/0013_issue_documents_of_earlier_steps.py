"""Reports registered or decided before forms 1 and 2 were issued as documents get them: each
dated when its step happened, marked as issued later, with the worker who took the step as
its author (intake.documents.reissue_for_existing_reports).

That work runs today's code, which reads today's tables: it cannot run in the middle of the
migrations (a column added later would not exist yet). So this migration only marks the
moment; when `migrate` has applied it and everything after it, intake's `post_migrate`
handler (`intake.apps.issue_documents_after_migrate`) does the work, once."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0012_clocks_to_deadlines"),
        ("documents", "0001_initial"),
        ("notifications", "0002_move_intake_notifications"),
        ("writtenforms", "0001_initial"),
    ]

    # Issued documents are not taken back: going back leaves them in the register.
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
