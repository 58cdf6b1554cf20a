"""Reference lists from the ISO standards HTCDS uses: countries (ISO 3166-1 alpha-2) and
languages (ISO 639, three letters), named in the user's language from pycountry's catalogues.

Codes are stored; names are only ever shown, so a renamed country changes no record.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils import translation

# pycountry's catalogues are named by the POSIX locale; Django's by its own language code.
_LOCALES = {"sr": "sr", "sr-latn": "sr@latin"}
# Languages offered in forms: those with a two-letter code (the major ones) and Romani,
# which has none but is spoken by many of the people the Center protects.
_EXTRA_LANGUAGES = ("rom",)
# First in the lists: Serbia and the countries its cases most often involve.
FIRST_COUNTRIES = ("RS", "BA", "ME", "MK", "HR", "AL", "DE", "AT")
FIRST_LANGUAGES = ("srp", "rom", "hun", "sqi", "bos", "hrv", "eng", "deu")


@cache
def _catalogue(domain: str, language: str) -> gettext.NullTranslations:
    locale = _LOCALES.get(language)
    if locale is None:
        return gettext.NullTranslations()
    return gettext.translation(domain, pycountry.LOCALES_DIR, [locale], fallback=True)


def _translate(domain: str, name: str) -> str:
    return _catalogue(domain, translation.get_language() or "sr").gettext(name)


def is_country(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


def is_language(code: str) -> bool:
    return len(code) == 3 and _language(code) is not None


def _language(code: str) -> object | None:
    # The terminology code (ISO 639-2/T, as in ISO 639-3): "sqi", not the bibliographic "alb".
    return pycountry.languages.get(alpha_3=code)


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return _translate("iso3166-1", country.name) if country else code


def language_name(code: str) -> str:
    if code == "rom":  # the catalogue's older Serbian name is not the one Roma use
        return translation.gettext("Romani")
    language = _language(code)
    name = getattr(language, "name", None)
    return _translate("iso639-3", name) if name else code


def country_choices() -> list[tuple[str, str]]:
    rest = sorted(
        ((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries),
        key=lambda pair: pair[1].casefold(),
    )
    first = [(code, country_name(code)) for code in FIRST_COUNTRIES]
    return first + [pair for pair in rest if pair[0] not in FIRST_COUNTRIES]


def language_choices() -> list[tuple[str, str]]:
    codes = {lang.alpha_3 for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    codes.update(_EXTRA_LANGUAGES)
    rest = sorted(
        ((code, language_name(code)) for code in codes), key=lambda pair: pair[1].casefold()
    )
    first = [(code, language_name(code)) for code in FIRST_LANGUAGES if is_language(code)]
    return first + [pair for pair in rest if pair[0] not in FIRST_LANGUAGES]
