"""`zastita audit verify`: check the audit chain and its triggers; exit 1 and name each problem.

`zastita audit install-triggers` puts back append-only triggers that were dropped (the
application refuses to start without them); run verify first to see what else changed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zastita.audit.chain import check_anchor, verify
from zastita.audit.models import AuditEvent, ChainHead


class Command(BaseCommand):
    help = "Audit trail tools."
    # The start-up check refuses to run anything while the triggers are missing; this command
    # is how that state is examined and repaired, so it runs regardless.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify_parser = sub.add_parser("verify", help="Verify the hash chain of the audit trail.")
        verify_parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="SEQ:HASH",
            help="A head recorded earlier (printed by a previous verify); repeatable.",
        )
        sub.add_parser("install-triggers", help="Put back missing append-only triggers.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "install-triggers":
            self.install_triggers()
            return
        problems = list(verify())
        for anchor in options.get("anchor") or []:
            seq, _, digest = anchor.partition(":")
            if not seq.isdigit() or len(digest) != 64:
                raise CommandError(f"An anchor is SEQ:HASH, not {anchor!r}.")
            problem = check_anchor(int(seq), digest)
            if problem:
                problems.append(problem)
        for problem in problems:
            self.stdout.write(str(problem))
        if problems:
            raise CommandError(
                f"The audit trail has been tampered with: {len(problems)} problem(s)."
            )
        head = ChainHead.objects.filter(pk=1).first()
        count = AuditEvent.objects.count()
        # The head hash can be written down elsewhere: it pins the whole chain up to now.
        self.stdout.write(f"OK: {count} events verified.")
        if head is not None:
            self.stdout.write(f"Anchor to record outside the database: {head.seq}:{head.hash}")

    def install_triggers(self) -> None:
        from django.db import connection, transaction

        from zastita.audit import triggers

        before = triggers.missing(connection)
        with transaction.atomic():
            triggers.reinstall(connection)
        for name in before:
            self.stdout.write(f"Reinstalled: {name}")
        self.stdout.write("The append-only triggers are in force.")
