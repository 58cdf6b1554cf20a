"""`zastita seed --demo` loads the demo data set; `--persons N` generates synthetic people.

The demo set is idempotent: running it again changes nothing that is already there.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zastita.core.synthetic import generate
from zastita.site import demo


class Command(BaseCommand):
    help = "Load demo data or generate synthetic people (never real data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="Load the small demo data set.")
        parser.add_argument("--persons", type=int, default=0, help="Generate N synthetic people.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (deterministic).")
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument(
            "--output",
            default="",
            help="Write the generated people as JSON Lines here instead of the registry.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["demo"] and options["persons"] <= 0:
            raise CommandError("Give --demo, or --persons N with N > 0.")
        if options["demo"]:
            if not settings.ZASTITA_DEMO_TOOLS:
                raise CommandError(
                    "Demo accounts have a published password: they exist only with demo settings."
                )
            created = demo.load()
            self.stdout.write(f"Demo data loaded ({created} new records).")
        if options["persons"] > 0 and options["output"]:
            out = sys.stdout if options["output"] == "-" else open(options["output"], "w")  # noqa: SIM115
            try:
                for person in generate(options["persons"], seed=options["seed"]):
                    out.write(json.dumps(person.as_dict(), ensure_ascii=False) + "\n")
            finally:
                if out is not sys.stdout:
                    out.close()
        elif options["persons"] > 0:
            from zastita.people.seeding import progress_bar, seed_persons

            started = time.monotonic()
            created = seed_persons(
                options["persons"],
                seed=options["seed"],
                batch_size=options["batch"],
                progress=progress_bar(self.stderr),
            )
            elapsed = time.monotonic() - started
            self.stdout.write(f"Created {created} synthetic persons in {elapsed:.1f} s.")
