"""`zastita indicators evaluate`: the indicator rule engine from the command line, as JSON.

    zastita indicators evaluate --set AL --present AL.DR.01,AL.EX.01 --unknown AL.CD.02 \\
        [--absent …] [--age 17] [--age-disputed] [--act-present | --act-absent] \\
        [--rules FILE.yaml] --format json

Indicators not named are absent (`--rest unknown` makes them unknown). It evaluates with the
rules in use (the newest version edited in the application, else the file). The output is
documented in docs/indicator-evaluation.md.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zastita.identification.indicators.engine import (
    Answer,
    AnswerError,
    RulesError,
    evaluate,
    load_rules,
    rules_in_use,
)


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class Command(BaseCommand):
    help = "Evaluate indicator answers with the ILO/EC rules (prints JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("evaluate", help="Evaluate one set's answers.")
        run.add_argument("--set", dest="set_id", required=True, help="e.g. AL, CL, AS, CS")
        run.add_argument("--present", type=_ids, default=[])
        run.add_argument("--absent", type=_ids, default=[])
        run.add_argument("--unknown", type=_ids, default=[])
        run.add_argument("--age", type=int, default=None)
        run.add_argument("--age-disputed", action="store_true")
        act = run.add_mutually_exclusive_group()
        act.add_argument("--act-present", dest="act", action="store_const", const=True)
        act.add_argument("--act-absent", dest="act", action="store_const", const=False)
        run.add_argument("--rules", default=None, help="another rules file (YAML)")
        run.add_argument(
            "--rest", choices=["absent", "unknown"], default="absent",
            help="the answer for indicators not named",
        )  # fmt: skip
        run.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        answers: dict[str, str] = {}
        for value in ("present", "absent", "unknown"):
            for indicator_id in options[value]:
                if indicator_id in answers and answers[indicator_id] != value:
                    raise CommandError(f"{indicator_id} is given two different answers.")
                answers[indicator_id] = value
        try:
            # The rules in use (the newest version edited in the application, else the
            # file), unless another file is named.
            book = load_rules(options["rules"]) if options["rules"] else rules_in_use()[0]
            result = evaluate(
                book, options["set_id"], answers, age=options["age"],
                age_disputed=options["age_disputed"], act_present=options["act"],
                unanswered=Answer(options["rest"]),
            )  # fmt: skip
        except (RulesError, AnswerError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
