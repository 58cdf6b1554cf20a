"""Django's flush, with the audit triggers lifted only for the moment the tables are emptied.

Transactional tests (the live server for browser tests) empty every table after each test;
the append-only triggers would refuse that. Production has no such command override.
"""

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from zastita.audit import triggers


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        triggers.uninstall(connection)
        try:
            super().handle(**options)
        finally:
            triggers.install(connection)
        # Put back the reference data the migrations installed: the roles, and the
        # capabilities later migrations granted them.
        from importlib import import_module

        from django.apps import apps

        from zastita.accounts.models import Role

        import_module("zastita.accounts.migrations.0003_default_roles").install_default_roles(Role)
        import_module("zastita.site.migrations.0001_dpo_sets_retention").grant(apps, None)
