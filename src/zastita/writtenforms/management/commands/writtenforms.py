"""`zastita writtenforms`: the written-form specs from the command line.

    zastita writtenforms list               the registered forms and the spec version in use
    zastita writtenforms show CODE          the spec in use, as YAML (to edit and check)
    zastita writtenforms check FILE.yaml    checks a spec; the line and the reason if wrong

A spec is saved as a new version on its page in the application, by the head of service
(who changed what is kept); this command reads and checks, it never writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zastita.core.errors import NotFound
from zastita.core.registries.writtenforms import form_specs
from zastita.writtenforms.models import SpecVersion
from zastita.writtenforms.selectors import spec_get, spec_in_use
from zastita.writtenforms.specs import SpecError, parse, render


class Command(BaseCommand):
    help = "List, show and check the written-form specs."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="The registered forms and their spec version in use.")
        show = sub.add_parser("show", help="The spec in use, as YAML.")
        show.add_argument("code")
        check = sub.add_parser("check", help="Check a spec file.")
        check.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            for spec in form_specs:
                number, _parsed = spec_in_use(spec.code)
                self.stdout.write(f"{spec.code}\t{spec.subject_type}\tv{number}")
        elif action == "show":
            try:
                spec = spec_get(options["code"])
            except NotFound:
                raise CommandError(f"No form is registered as {options['code']!r}.") from None
            row = SpecVersion.objects.filter(code=spec.code).order_by("-number").first()
            self.stdout.write(row.text if row is not None else render(spec), ending="")
        else:
            path = Path(options["file"])
            try:
                parsed = parse(path.read_text(encoding="utf-8"))
            except OSError as exc:
                raise CommandError(f"{path}: {exc.strerror}") from exc
            except SpecError as exc:
                raise CommandError(f"{path}:{exc.line}: {exc.reason}") from exc
            self.stdout.write(f"{path}: {len(parsed.sections)} sections, key {parsed.key_section}")
