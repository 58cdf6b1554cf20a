"""Synthetic persons in bulk, for demos and benchmarks: `zastita seed --persons N`.

Names come from the project's generator (core.synthetic), never from real people. Codes start
with "S-" so synthetic records can never be mistaken for real ones. On PostgreSQL the search
keys go in through COPY, which is what makes a million persons a matter of minutes.
"""

from __future__ import annotations

import hashlib
import io
import sys
import time
from collections.abc import Callable, Iterator
from itertools import islice

from django.db import connection, transaction

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.synthetic import SyntheticPerson, generate
from zastita.people.identity import Identity, digest, seal, search_values
from zastita.people.models import Person, PersonSearchKey, Sex

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SEED_USERNAME = "synthetic-data"


def _code(seed: int, index: int) -> str:
    raw = hashlib.sha256(f"{seed}:{index}".encode()).digest()
    # Ten characters: at a million records eight would collide about every other run.
    chars = "".join(_ALPHABET[b % 32] for b in raw[:10])
    return f"S-{chars[:5]}-{chars[5:]}"


def _seed_user() -> User:
    user, _ = User.objects.get_or_create(
        username=SEED_USERNAME, defaults={"full_name": "Synthetic data", "is_active": False}
    )
    return user


def _batches(people: Iterator[SyntheticPerson], size: int) -> Iterator[list[SyntheticPerson]]:
    while batch := list(islice(people, size)):
        yield batch


def _copy_keys(rows: list[tuple[int, str, str, str, int | None]]) -> None:
    if connection.vendor == "postgresql":
        null = "\\N"  # COPY's text format for NULL
        buffer = io.StringIO(
            "".join(
                f"{p}\t{k}\t{d}\t{kid}\t{null if y is None else y}\n" for p, k, d, kid, y in rows
            )
        )
        with (
            connection.cursor() as cursor,
            cursor.copy(
                "COPY people_personsearchkey (person_id, kind, digest, key_id, birth_year) "
                "FROM STDIN"
            ) as copy,
        ):
            copy.write(buffer.getvalue())
    else:
        PersonSearchKey.objects.bulk_create(
            PersonSearchKey(person_id=p, kind=k, digest=d, key_id=kid, birth_year=y)
            for p, k, d, kid, y in rows
        )


def seed_persons(
    count: int,
    *,
    seed: int = 0,
    batch_size: int = 5000,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Creates `count` synthetic persons; returns how many were created (existing codes from
    an earlier run with the same seed are skipped, so running it again is harmless)."""
    actor = _seed_user()
    created = 0
    done = 0
    for index_base, batch in enumerate(_batches(generate(count, seed=seed), batch_size)):
        first = index_base * batch_size
        codes = [_code(seed, first + i) for i in range(len(batch))]
        existing = set(Person.objects.filter(code__in=codes).values_list("code", flat=True))
        persons, identities = [], []
        for code, synthetic in zip(codes, batch, strict=True):
            if code in existing:
                continue
            identity = Identity(first_name=synthetic.given_name, last_name=synthetic.surname)
            token, key_id = seal(identity, code)
            persons.append(
                Person(
                    code=code,
                    sex=synthetic.sex if synthetic.sex in Sex.values else Sex.UNKNOWN,
                    birth_year=synthetic.birth_year,
                    age_disputed=synthetic.age_disputed,
                    citizenships=[synthetic.citizenship],
                    identity=token,
                    identity_key_id=key_id,
                    created_by=actor,
                )
            )
            identities.append(identity)
        with transaction.atomic():
            saved = Person.objects.bulk_create(persons)
            rows = []
            for person, identity in zip(saved, identities, strict=True):
                for kind, value in search_values(identity):
                    key_id, mac = digest(kind, value)
                    rows.append((person.pk, kind, mac, key_id, person.birth_year))
            _copy_keys(rows)
            if connection.vendor == "postgresql" and len(saved) == batch_size and first == 0:
                # The planner needs real statistics once the table is no longer tiny.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE people_person, people_personsearchkey")
            if saved:
                audit_record(
                    action=Action.CREATE, actor=None, object_type="person_seed",
                    object_id=f"{saved[0].pk}-{saved[-1].pk}", purpose=Purpose.ADMINISTRATION,
                )  # fmt: skip
        created += len(saved)
        done += len(batch)
        if progress:
            progress(done, count)
    if connection.vendor == "postgresql" and created:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person, people_personsearchkey")
    return created


def progress_bar(stream: io.TextIOBase | None = None) -> Callable[[int, int], None]:
    out = stream or sys.stderr
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        elapsed = max(time.monotonic() - started, 1e-6)
        rate = done / elapsed
        width = 30
        filled = int(width * done / total) if total else width
        eta = (total - done) / rate if rate else 0
        out.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
            f"{rate:,.0f}/s, {eta:,.0f} s left"
        )
        if done >= total:
            out.write("\n")
        out.flush()

    return show
