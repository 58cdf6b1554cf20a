"""Grants the data-protection officer's role the capability of setting the retention periods
(`retention.manage`, registered by the site). Roles are data: the administrator may move it."""

from django.db import migrations

CAPABILITY = "retention.manage"


def grant(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for role in Role.objects.filter(code="dpo"):
        if CAPABILITY not in role.capabilities:
            role.capabilities = [*role.capabilities, CAPABILITY]
            role.save(update_fields=["capabilities"])


def revoke(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for role in Role.objects.filter(code="dpo"):
        role.capabilities = [c for c in role.capabilities if c != CAPABILITY]
        role.save(update_fields=["capabilities"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_default_roles")]
    operations = [migrations.RunPython(grant, revoke)]
