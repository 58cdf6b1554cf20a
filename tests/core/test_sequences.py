"""Registry numbers as typed into a search box: read when they are one, refused when not."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("4/2026", (4, 2026)),
        (" 0004 / 2026. ", (4, 2026)),
        ("С-0012/2025", (12, 2025)),
        ("s-12/2025", (12, 2025)),
        ("0/2026", None),
        ("99999999999999999999/2026", None),  # never a number too big for the column
        ("4/20266", None),
        ("4-2026", None),
        ("", None),
    ],
)
def test_a_typed_registry_number_is_read_or_refused(typed, parsed):
    from zastita.core.sequences import number_parse

    assert number_parse(typed, prefixes=("С-", "S-")) == parsed
