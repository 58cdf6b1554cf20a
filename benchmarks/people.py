"""The person registry at scale: search by any spelling and the duplicate check at creation,
beside an indexed equality lookup on the same table (the floor)."""

from __future__ import annotations

import random
import time
from typing import Any

from zastita.core.synthetic import generate
from zastita.core.transliteration import to_latin
from zastita.people.identity import Identity
from zastita.people.models import Person
from zastita.people.seeding import _code, seed_persons
from zastita.people.selectors import person_duplicates, person_search

from .audit import _latencies

FOLD = str.maketrans({"č": "c", "ć": "c", "š": "s", "ž": "z", "đ": "dj", "Đ": "Dj"})


def seed(count: int, seed_value: int = 1) -> dict[str, Any]:
    started = time.perf_counter()
    created = seed_persons(count, seed=seed_value, batch_size=5000)
    elapsed = time.perf_counter() - started
    return {"persons": count, "created": created, "seconds": round(elapsed, 1),
            "persons_per_s": round(created / elapsed, 1) if created else None}  # fmt: skip


def _spellings(n: int, count: int, seed_value: int) -> list[str]:
    rng = random.Random(7)
    people = [p for p in generate(count, seed=seed_value) if p.written_as == "cyrillic"]
    queries = []
    for person in rng.sample(people, min(n, len(people))):
        style = rng.choice(["cyrillic", "latin", "folded", "partial"])
        given, surname = person.given_name, person.surname
        if style == "latin":
            given, surname = to_latin(given), to_latin(surname)
        elif style in ("folded", "partial"):
            given, surname = to_latin(given).translate(FOLD), to_latin(surname).translate(FOLD)
        if style == "partial":
            surname = surname[:5]
        year = f" {person.birth_year}" if person.birth_year else ""
        queries.append(f"{given} {surname}{year}")
    return queries


def search(actor: Any, count: int, seed_value: int = 1, n: int = 200) -> dict[str, Any]:
    queries = _spellings(n, count, seed_value)
    it = iter(queries * 2)
    found = sum(bool(person_search(actor=actor, text=q)) for q in queries)
    codes = [_code(seed_value, i) for i in range(min(count, n))]
    code_it = iter(codes * 3)
    return {
        "queries": len(queries),
        "queries_with_results": found,
        "search": _latencies(len(queries), lambda: person_search(actor=actor, text=next(it))),
        "floor_indexed_equality": _latencies(
            len(codes), lambda: Person.objects.filter(code=next(code_it)).first()
        ),
    }


def duplicate_check(actor: Any, count: int, seed_value: int = 1, n: int = 200) -> dict[str, Any]:
    rng = random.Random(11)
    people = list(generate(count, seed=seed_value))
    sample = [rng.choice(people) for _ in range(n)]
    identities = iter(
        [
            (
                Identity(
                    first_name=to_latin(p.given_name), last_name=to_latin(p.surname).translate(FOLD)
                ),
                p.birth_year,
            )
            for p in sample
        ]
        * 2
    )

    def check() -> None:
        identity, year = next(identities)
        person_duplicates(actor=actor, identity=identity, birth_year=year)

    return {"duplicate_check": _latencies(n, check)}
