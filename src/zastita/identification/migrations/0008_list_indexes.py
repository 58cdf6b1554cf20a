"""The worklist's index: one status, newest first (the page's ids are picked through it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("identification", "0007_assigned_to_who_opened"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="identification",
            index=models.Index(fields=["status", "created_at"], name="identification_status_idx"),
        ),
    ]
