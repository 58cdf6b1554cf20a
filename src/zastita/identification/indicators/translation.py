"""The indicator sets' own texts (set and dimension names, indicator texts) in the user's
language. The rules document is in English; `ilo-indicators.sr.yaml` gives the Serbian
Cyrillic for each text, and the Latin script is derived from it. A text without a
translation (one changed in a new version of the rules, say) is shown as it is written."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from django.utils.translation import get_language

from zastita.core.transliteration import to_latin

CATALOGUE = Path(__file__).with_name("ilo-indicators.sr.yaml")


@functools.cache
def _catalogue() -> dict[str, str]:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in (data.get("texts") or {}).items()}


def localise(text: str) -> str:
    language = get_language() or ""
    if not language.startswith("sr"):
        return text
    cyrillic = _catalogue().get(text)
    if cyrillic is None:
        return text
    return to_latin(cyrillic) if language == "sr-latn" else cyrillic
