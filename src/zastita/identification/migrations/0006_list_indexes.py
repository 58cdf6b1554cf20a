"""The worklist's index: one status, newest first (the page's ids are picked through it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("identification", "0005_written_forms_move_to_platform"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="identification",
            index=models.Index(fields=["status", "created_at"], name="identification_status_idx"),
        ),
    ]
