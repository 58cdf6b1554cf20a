"""Spelling-independent forms of names, the input of the blind indexes.

Ђорђе, Đorđe, Djordje, Dorde and DJORDJE are one man, so they must give one key:
Cyrillic becomes Latin, case is folded, diacritics are dropped (č ć → c, š → s, ž → z), and
đ / dj / d are made one letter, as records written on keyboards without Serbian letters do.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from zastita.core.transliteration import to_latin

_FOLD = str.maketrans({"č": "c", "ć": "c", "š": "s", "ž": "z", "đ": "d"})
_NON_LETTERS = re.compile(r"[^a-z]+")


def fold(text: str) -> str:
    """One spelling-independent token string: lower-case ASCII letters and single spaces."""
    latin = to_latin(text).casefold().translate(_FOLD)
    # Any other accent (a foreign name's é, ü) is dropped as well.
    ascii_text = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    # đ, dj and d are one letter; collapsing until none is left makes even the rare ђј
    # (Đj, Djj, Dj) meet in one key.
    while "dj" in ascii_text:
        ascii_text = ascii_text.replace("dj", "d")
    return " ".join(t for t in _NON_LETTERS.split(ascii_text) if t)


# A one-letter word (an initial, "М.") is not indexed: its key would match a large part of
# the registry. Search confirms it in memory instead (`words_match`).
MIN_INDEXED = 2


def name_tokens(*names: str) -> list[str]:
    """Every word of every name given (first names, surnames, aliases), folded, unique."""
    seen: dict[str, None] = {}
    for name in names:
        for token in fold(name).split():
            if len(token) >= MIN_INDEXED:
                seen.setdefault(token, None)
    return list(seen)


def words_match(typed: Sequence[str], names: Sequence[str]) -> bool:
    """Whether each typed word begins a different one of a person's names: "Марко М." is
    Марко Милић, not Марко Петровић (whose "marko" the initial would otherwise match again).

    A matching of typed words to names (augmenting paths): polynomial in the number of words,
    where trying every placement grows factorially with many initials and many names."""
    if len(typed) > len(names):
        return False
    holder: list[int | None] = [None] * len(names)  # the typed word each name begins

    def place(i: int, seen: set[int]) -> bool:
        for j, name in enumerate(names):
            if j not in seen and name.startswith(typed[i]):
                seen.add(j)
                current = holder[j]
                if current is None or place(current, seen):
                    holder[j] = i
                    return True
        return False

    return all(place(i, set()) for i in range(len(typed)))


MAX_PAIRED_TOKENS = 8


def name_pairs(tokens: list[str]) -> list[str]:
    """Every two words of a person's names, in a fixed order: "two names in common", the
    duplicate check's rule, becomes one index lookup instead of an intersection of thousands
    of Марко with thousands of Петровић."""
    head = sorted(tokens[:MAX_PAIRED_TOKENS])
    return [f"{a} {b}" for i, a in enumerate(head) for b in head[i + 1 :]]


PREFIX_LENGTHS = (3, 4, 5, 6)


def prefixes(token: str) -> list[str]:
    """The prefixes a partial search may type (3 to 6 letters); longer prefixes are
    narrowed in memory after the candidates are decrypted."""
    return [token[:n] for n in PREFIX_LENGTHS if len(token) > n]


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())
