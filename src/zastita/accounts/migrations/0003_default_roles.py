"""Installs the Center's roles (DOMAIN.md §2). They are data: the administrator edits them."""

from django.db import migrations


def install(apps, schema_editor):
    install_default_roles(apps.get_model("accounts", "Role"))


def install_default_roles(Role):
    from zastita.accounts.capabilities import DEFAULT_ROLES

    for code, (name_sr, name_en, capabilities) in DEFAULT_ROLES.items():
        Role.objects.get_or_create(
            code=code,
            defaults={
                "name_sr": name_sr,
                "name_en": name_en,
                "capabilities": [str(c.value) for c in capabilities],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
