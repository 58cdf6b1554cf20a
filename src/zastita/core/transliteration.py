"""Serbian Cyrillic to Latin, one way: Cyrillic is the stored original, Latin is derived.

Latin to Cyrillic is not an inverse (лј and љ both become lj), so nothing converts back.
"""

from __future__ import annotations

_LOWER = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž",
    "з": "z", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip


def to_latin(text: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        latin = _LOWER.get(low)
        if latin is None:
            out.append(ch)
            continue
        if ch == low:
            out.append(latin)
            continue
        # Capital digraphs: "Љубав" -> "Ljubav", but "ЉУБАВ" -> "LJUBAV".
        neighbour_upper = any(
            0 <= j < len(text) and text[j].isalpha() and text[j].isupper() for j in (i - 1, i + 1)
        )
        out.append(latin.upper() if neighbour_upper and len(latin) > 1 else latin.capitalize())
    return "".join(out)
