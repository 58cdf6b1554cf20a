"""`zastita audit verify`: check the audit chain; exit 1 and name each bad row."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zastita.audit.chain import check_anchor, verify
from zastita.audit.models import AuditEvent, ChainHead


class Command(BaseCommand):
    help = "Audit trail tools."

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

    def handle(self, *args: Any, **options: Any) -> None:
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
