"""`zastita audit verify`: check the audit chain; exit 1 and name each bad row."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zastita.audit.chain import verify
from zastita.audit.models import AuditEvent, ChainHead


class Command(BaseCommand):
    help = "Audit trail tools."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Verify the hash chain of the audit trail.")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(verify())
        for problem in problems:
            self.stdout.write(str(problem))
        if problems:
            raise CommandError(
                f"The audit trail has been tampered with: {len(problems)} problem(s)."
            )
        head = ChainHead.objects.filter(pk=1).first()
        count = AuditEvent.objects.count()
        # The head hash can be written down elsewhere: it pins the whole chain up to now.
        self.stdout.write(
            f"OK: {count} events verified; head seq {head.seq if head else 0}, "
            f"hash {head.hash if head else '-'}"
        )
