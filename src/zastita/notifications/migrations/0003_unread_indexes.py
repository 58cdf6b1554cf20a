"""The unread count and the duty board's poll read only a user's unread rows (a partial
index); a user's list newest first, and the newest one's id, without reading them all."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_move_intake_notifications"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                condition=models.Q(("read_at__isnull", True)),
                fields=["recipient", "channel", "read_at"],
                name="notifications_unread",
            ),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                fields=["recipient", "channel", "-created_at", "-id"], name="notifications_inbox"
            ),
        ),
    ]
