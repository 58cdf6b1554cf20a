"""Reference lists from the ISO standards HTCDS uses: countries (ISO 3166-1 alpha-2) and
languages (ISO 639, three letters), named in the user's language from pycountry's catalogues.

Codes are stored; names are only ever shown, so a renamed country changes no record.
Where pycountry's Serbian catalogue has no name, ``reference_names`` gives one; Serbian Latin
names are derived from the Cyrillic ones, like the rest of the interface. Lists are in Serbian
alphabetical order (``collation``).
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils import translation

from zastita.core import reference_names
from zastita.core.collation import sort_key
from zastita.core.transliteration import to_latin

# Serbian in either script reads pycountry's Cyrillic catalogue; Latin is derived from it.
_SERBIAN = ("sr", "sr-latn")
# Languages offered in forms: those with a two-letter code (the major ones) and Romani,
# which has none but is spoken by many of the people the Center protects.
_EXTRA_LANGUAGES = ("rom",)
# First in the lists: Serbia and the countries its cases most often involve.
FIRST_COUNTRIES = ("RS", "BA", "ME", "MK", "HR", "AL", "DE", "AT")
FIRST_LANGUAGES = ("srp", "rom", "hun", "sqi", "bos", "hrv", "eng", "deu")


@cache
def _catalogue(domain: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, ["sr"], fallback=True)


def _serbian() -> str | None:
    """The active Serbian script ("sr" or "sr-latn"), or None for English."""
    language = (translation.get_language() or "sr").lower()
    return language if language in _SERBIAN else None


def _named(english: str, own: str | None, domain: str) -> str:
    script = _serbian()
    if script is None:
        return english
    cyrillic = own or _catalogue(domain).gettext(english)
    return to_latin(cyrillic) if script == "sr-latn" else cyrillic


def is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


def is_language(code: str) -> bool:
    return len(code) == 3 and _language(code) is not None


def _language(code: str) -> object | None:
    # The terminology code (ISO 639-2/T, as in ISO 639-3): "sqi", not the bibliographic "alb".
    return pycountry.languages.get(alpha_3=code)


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return _named(country.name, reference_names.COUNTRIES.get(code), "iso3166-1")


def language_name(code: str) -> str:
    language = _language(code)
    name = getattr(language, "name", None)
    if name is None:
        return code
    return _named(name, reference_names.LANGUAGES.get(code), "iso639-3")


def _ordered(names: list[tuple[str, str]], first: tuple[str, ...]) -> list[tuple[str, str]]:
    """The most frequent codes first, then the rest in Serbian alphabetical order."""
    by_code = dict(names)
    rest = sorted((p for p in names if p[0] not in first), key=lambda pair: sort_key(pair[1]))
    return [(code, by_code[code]) for code in first if code in by_code] + rest


def country_choices() -> list[tuple[str, str]]:
    return _ordered(
        [(c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries], FIRST_COUNTRIES
    )


def language_codes() -> set[str]:
    """The languages offered in forms."""
    codes = {lang.alpha_3 for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    return codes | set(_EXTRA_LANGUAGES)


def language_choices() -> list[tuple[str, str]]:
    return _ordered([(code, language_name(code)) for code in language_codes()], FIRST_LANGUAGES)
