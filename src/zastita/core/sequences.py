"""Gap-free number sequences per register and year (деловодни број).

A number is taken under a row lock held until the creating transaction commits: concurrent
callers queue, and a rolled-back transaction gives its number back, so a register has no gaps.
"""

from __future__ import annotations

import re

from django.db import connection, models


class Sequence(models.Model):
    """The last number given in one register in one year."""

    register = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "core"
        constraints = [
            models.UniqueConstraint(fields=["register", "year"], name="core_sequence_once")
        ]

    def __str__(self) -> str:
        return f"{self.register} {self.year}: {self.last}"


def sequence_next(*, register: str, year: int) -> int:
    """The register's next number in the year. Call inside the transaction that uses it."""
    table = Sequence._meta.db_table
    with connection.cursor() as cursor:
        for _attempt in range(2):
            # One statement: the row's lock is taken and the number read together.
            cursor.execute(
                f"UPDATE {table} SET last = last + 1 WHERE register = %s AND year = %s "  # noqa: S608
                "RETURNING last",
                [register, year],
            )
            row = cursor.fetchone()
            if row is not None:
                return int(row[0])
            Sequence.objects.bulk_create(
                [Sequence(register=register, year=year)], ignore_conflicts=True
            )
    raise RuntimeError("The registry sequence could not be advanced.")


def sequence_last(*, register: str, year: int) -> int:
    row = Sequence.objects.filter(register=register, year=year).values_list("last", flat=True)
    return int(row[0]) if row else 0


# A registry number as typed: "7/2026", "0007/2026", "0007/2026." (as printed at the end of a
# sentence), with spaces around the parts; at most nine digits, so it always fits a column.
NUMBER = re.compile(r"^\s*0*(\d{1,9})\s*/\s*(\d{4})\s*\.?\s*$")


def number_parse(reference: str, *, prefixes: tuple[str, ...] = ()) -> tuple[int, int] | None:
    """The (sequence, year) of a typed registry number, or with one of `prefixes` (as
    "С-0004/2026"); None when it is not one (or its number is 0)."""
    text = reference.strip().upper()
    for prefix in prefixes:
        text = text.removeprefix(prefix.upper())
    match = NUMBER.match(text)
    if match is None or int(match.group(1)) < 1:
        return None
    return int(match.group(1)), int(match.group(2))
