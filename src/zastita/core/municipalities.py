"""The cities and municipalities of Serbia: a reference list kept as data (municipalities.json).

Codes are stored; names (Serbian Cyrillic, Latin derived) are only ever shown, so a report's
place is counted by code in statistics and a renamed municipality changes no record. A place
that is not on the list is stored as OTHER with its text encrypted by the record that holds
it: free text that can locate a person never lies in clear.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from django import forms
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from zastita.core.collation import sort_key
from zastita.core.transliteration import to_latin

OTHER = "other"
DATA_FILE = Path(__file__).with_name("municipalities.json")


@cache
def _rows() -> dict[str, dict[str, str]]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {row["code"]: row for row in data["municipalities"]}


def _fold(text: str) -> str:
    """One spelling for a name in either script, any case, with or without diacritics."""
    latin = to_latin(" ".join(text.split())).lower().replace("đ", "dj")
    plain = unicodedata.normalize("NFKD", latin)
    return "".join(c for c in plain if not unicodedata.combining(c)).replace("–", "-")


@cache
def _by_folded_name() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, row in _rows().items():
        index[_fold(row["name"])] = code
        index[code] = code
    index["belgrade"] = "beograd"
    return index


def is_municipality(code: str) -> bool:
    return code in _rows()


def municipality_name(code: str) -> str:
    """The name in the active language's script (English reads the Latin name)."""
    row = _rows().get(code)
    if row is None:
        return code
    if (translation.get_language() or "sr").lower() == "sr":
        return row["name"]
    return to_latin(row["name"])


def municipality_choices() -> list[tuple[str, str]]:
    names = [(code, municipality_name(code)) for code in _rows()]
    return sorted(names, key=lambda item: sort_key(item[1]))


def resolve(text: str) -> str | None:
    """The code for a code or a name as people write it (Ниш, Niš, Nis, NIŠ), else None."""
    folded = _fold(text.strip())
    return _by_folded_name().get(folded) if folded else None


class MunicipalityInput(forms.TextInput):
    """A text input that offers the list's names as the user types (either script is found);
    what is typed stays the user's, and a place not on the list is kept encrypted."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", **(attrs or {})})

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        list_id = f"{(attrs or {}).get('id') or name}-list"
        html = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join(
            "", '<option value="{}">', ((label,) for _code, label in municipality_choices())
        )
        return html + format_html('<datalist id="{}">{}</datalist>', list_id, options)
