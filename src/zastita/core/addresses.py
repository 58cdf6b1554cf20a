"""Addresses for the rows of a table: reversed once, filled in for each row."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# Stands for the row's id while the address is reversed; no record has it.
_MARKER = 2_147_483_647


def address_of(name: str, *args: object) -> Callable[[int], str]:
    """The address `name` with `args` and, last, the row's id: `reverse` once, then one
    string per row (a table of many rows would otherwise reverse each of its links)."""
    head, marker, tail = reverse(name, args=[*args, _MARKER]).rpartition(str(_MARKER))
    assert marker, name
    return lambda pk: f"{head}{int(pk)}{tail}"
