"""The labels of a set of choices in the active language, looked up once per language.

A model's `get_<field>_display()` builds a dictionary of every choice, translating each label,
on every call; a page that shows a table of rows looks its labels up here instead."""

from __future__ import annotations

from functools import cache

from django.db.models import Choices
from django.utils.translation import get_language


@cache
def _labels(choices: type[Choices], language: str | None) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices.choices}


def labels(choices: type[Choices]) -> dict[str, str]:
    """value → label, in the active language."""
    return _labels(choices, get_language())
