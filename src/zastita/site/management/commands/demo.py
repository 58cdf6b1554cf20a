"""`zastita demo`: prepare everything, print the demo logins, then run server and worker."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zastita.site import demo


class Command(BaseCommand):
    help = "Set up the demo (keys, database, static files, demo data) and run it."
    # The system checks connect to the database (Django's own JSONField check does), and a
    # first connection creates the SQLite file with the umask's mode: they run in `handle`,
    # once the file has been made private.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Prepare only; do not run.")
        parser.add_argument("--bind", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.ZASTITA_DEMO_TOOLS:
            raise CommandError("The demo runs only with demo settings (make demo).")
        call_command("keys", "init")
        demo.secure_database_file()
        self.check()
        call_command("migrate", verbosity=0)
        call_command("seed", demo=True)
        self.print_logins(options["bind"])
        if not options["no_serve"]:
            call_command("serve", bind=options["bind"])

    def print_logins(self, bind: str) -> None:
        w = self.stdout.write
        w("")
        w(f"Demo logins for http://{bind}/  (password for every account: {demo.DEMO_PASSWORD})")
        for account in demo.ACCOUNTS:
            w(f"  {account.username:<15} {account.role}")
        w("Second factor: each account has an authenticator already enrolled. For its current")
        w("six-digit code, run in another terminal:  make totp U=<username>")
        w("")
