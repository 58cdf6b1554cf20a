"""Download file names: in the user's language, but ASCII-safe Latin (службена белешка →
sluzbena-beleska), so that every browser, mail client and file system keeps them intact.

A name says what the document is and which record it belongs to by its number or code,
never by a person's name (headers end up in logs)."""

from __future__ import annotations

import re
import unicodedata

from zastita.core.transliteration import to_latin

# Serbian Latin letters with no ASCII decomposition.
_ASCII = str.maketrans({"đ": "dj", "Đ": "Dj", "ł": "l", "ß": "ss", "æ": "ae", "ø": "o"})


def ascii_slug(text: str) -> str:
    latin = to_latin(text).translate(_ASCII)
    plain = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()


def download_name(label: str, *parts: str, extension: str) -> str:
    """``download_name("Службена белешка", "0001/2026", extension="pdf")`` →
    ``sluzbena-beleska-0001-2026.pdf``; the record's parts keep their case (codes)."""
    pieces = [ascii_slug(label)]
    for part in parts:
        piece = re.sub(r"[^A-Za-z0-9]+", "-", ascii_slug_keep_case(part)).strip("-")
        if piece:
            pieces.append(piece)
    return "-".join(p for p in pieces if p) + f".{extension}"


def ascii_slug_keep_case(text: str) -> str:
    latin = to_latin(text).translate(_ASCII)
    return unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
