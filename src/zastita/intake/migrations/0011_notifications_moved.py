"""Intake's outbox moved to the notifications platform (notifications 0002 copied its rows)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0010_delete_registrysequence"),
        ("notifications", "0002_move_intake_notifications"),
    ]

    operations = [migrations.DeleteModel(name="Notification")]
