"""Serbian alphabetical order: the one sort key for every list of names the interface shows.

Cyrillic sorts in the azbuka order (а б в г д ђ е ж з и ј к л љ м н њ о п р с т ћ у ф х ц ч џ ш),
Latin in the abeceda order (a b c č ć d dž đ e f g h i j k l lj m n nj o p r s š t u v z ž), with
the digraphs lj, nj and dž counted as one letter each. Neither Python's code-point order nor
``str.casefold`` gets this right (ђ, ј, љ, њ, ћ, џ sit outside а–ш in Unicode; č, ć, š, ž sort
after z). Letters of other alphabets fall back to their base letter (é as e, ü as u), so
foreign names still land where a reader looks for them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

_CYRILLIC = "абвгдђежзијклљмнњопрстћуфхцчџш"
# Letters of other Cyrillic alphabets, placed after the Serbian letter they are read as.
_CYRILLIC_EXTRA = {"ё": "е", "є": "е", "й": "и", "і": "и", "ї": "и", "ґ": "г", "ў": "у"}
_CYRILLIC_TAIL = "щъыьэюя"
# Latin, with the Serbian letters and digraphs; q, w, x, y after the letter they follow in
# the English alphabet, so a foreign name still sorts where it is expected.
_LATIN = (
    "a",
    "b",
    "c",
    "č",
    "ć",
    "d",
    "dž",
    "đ",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "lj",
    "m",
    "n",
    "nj",
    "o",
    "p",
    "q",
    "r",
    "s",
    "š",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "ž",
)
_DIGRAPHS = ("dž", "lj", "nj")

# Weights: a space first (so "Nova Gvineja" before "Novi Zeland"), digits, Cyrillic, Latin.
_SPACE = 1
_DIGIT_BASE = 10
_CYRILLIC_BASE = 100
_LATIN_BASE = 200

_WEIGHTS: dict[str, int] = {}
for _i, _letter in enumerate(_CYRILLIC):
    _WEIGHTS[_letter] = _CYRILLIC_BASE + 2 * _i
for _extra, _after in _CYRILLIC_EXTRA.items():
    _WEIGHTS[_extra] = _WEIGHTS[_after] + 1
for _i, _letter in enumerate(_CYRILLIC_TAIL):
    _WEIGHTS[_letter] = _CYRILLIC_BASE + 2 * len(_CYRILLIC) + _i
for _i, _letter in enumerate(_LATIN):
    _WEIGHTS[_letter] = _LATIN_BASE + _i
for _ligature, _digraph in (("ǆ", "dž"), ("ǉ", "lj"), ("ǌ", "nj")):
    _WEIGHTS[_ligature] = _WEIGHTS[_digraph]
for _d in "0123456789":
    _WEIGHTS[_d] = _DIGIT_BASE + int(_d)


def _base_letter(char: str) -> str:
    """The letter without its accent (é → e), unless the accented letter is Serbian."""
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if decomposed else char


def _primary(text: str) -> tuple[int, ...]:
    folded = unicodedata.normalize("NFC", text.casefold())
    weights: list[int] = []
    i = 0
    while i < len(folded):
        pair = folded[i : i + 2]
        if pair in _DIGRAPHS:
            weights.append(_WEIGHTS[pair])
            i += 2
            continue
        char = folded[i]
        i += 1
        if char.isspace():
            if weights and weights[-1] != _SPACE:
                weights.append(_SPACE)
            continue
        weight = _WEIGHTS.get(char)
        if weight is None:
            base = _base_letter(char)
            weight = _WEIGHTS.get(base)
            if weight is None:
                if char.isalnum():  # a letter of another alphabet: after every Serbian one
                    weights.append(1000 + ord(char))
                continue  # punctuation does not decide the order
        weights.append(weight)
    while weights and weights[-1] == _SPACE:
        weights.pop()
    return tuple(weights)


def sort_key(text: str) -> tuple[tuple[int, ...], str, str]:
    """Serbian alphabetical order; ties broken by accents, then by case, so the order is total."""
    return (_primary(text), unicodedata.normalize("NFD", text.casefold()), text)


def sorted_by_name[T](items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """``items`` in Serbian alphabetical order of ``name(item)``."""
    return sorted(items, key=lambda item: sort_key(name(item)))
