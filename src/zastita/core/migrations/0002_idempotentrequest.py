"""Core takes over the idempotency record from the API app, on its existing table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    # No dependency on the API app's migration (core sits below it): the table is the API
    # app's, created by its 0001; this only takes over its state.
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IdempotentRequest",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("scope", models.CharField(max_length=32)),
                        ("key", models.CharField(max_length=100)),
                        ("request_hash", models.CharField(max_length=64)),
                        ("status", models.PositiveSmallIntegerField(null=True)),
                        ("response", models.JSONField(null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                    ],
                    options={
                        "db_table": "api_idempotentrequest",
                        "constraints": [
                            models.UniqueConstraint(fields=("scope", "key"), name="api_idempotency_once")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
