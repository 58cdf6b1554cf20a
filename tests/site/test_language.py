"""Every country and language offered has a Serbian name, in both scripts, in Serbian order."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pycountry
import pytest
from django.utils import translation

from zastita.core import reference
from zastita.core.collation import sort_key
from zastita.core.templatetags.reference import countries, languages
from zastita.core.transliteration import to_latin

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def _english_names() -> set[str]:
    names: set[str] = set()
    for country in pycountry.countries:
        names.update(n for n in (country.name, getattr(country, "common_name", None)) if n)
    for language in pycountry.languages:
        names.add(language.name)
    return names


def _lists() -> list[tuple[str, str]]:
    return reference.country_choices() + reference.language_choices()


def test_no_cyrillic_list_shows_an_english_or_latin_name():
    with translation.override("sr"):
        shown = _lists()
    assert len(shown) > 400
    untranslated = [(c, n) for c, n in shown if not CYRILLIC.search(n) or LATIN_LETTER.search(n)]
    assert untranslated == []


def test_no_latin_list_shows_an_english_name_and_latin_is_derived_from_cyrillic():
    english = _english_names()
    with translation.override("sr"):
        cyrillic = dict(_lists())
    with translation.override("sr-latn"):
        latin = _lists()
    assert [(c, n) for c, n in latin if CYRILLIC.search(n)] == []
    assert all(name == to_latin(cyrillic[code]) for code, name in latin)
    # "Oman", "Kenija"... may coincide with English; a capitalised English language name may not.
    assert [n for c, n in latin if n in english and c in reference.language_codes()] == []


@pytest.mark.parametrize(
    ("code", "sr", "sr_latn"),
    [("TR", "Турска", "Turska"), ("nya", "чичева", "čičeva"), ("nav", "навахо", "navaho"),
     ("div", "дивехи", "divehi"), ("rom", "ромски", "romski"), ("srp", "српски", "srpski")],
)  # fmt: skip
def test_names_pycountry_lacks_come_from_the_projects_reference_data(code, sr, sr_latn):
    name = reference.country_name if code.isupper() else reference.language_name
    with translation.override("sr"):
        assert name(code) == sr
    with translation.override("sr-latn"):
        assert name(code) == sr_latn
    with translation.override("en"):
        assert not CYRILLIC.search(name(code))


def test_the_template_filters_name_codes_in_serbian():
    with translation.override("sr"):
        assert countries(["TR", "RS"]) == "Турска, Србија"
        assert languages(["nya", "rom"]) == "чичева, ромски"


@pytest.mark.parametrize("language", ["sr", "sr-latn"])
def test_lists_keep_the_frequent_ones_first_then_serbian_alphabetical_order(language):
    with translation.override(language):
        country_list = reference.country_choices()
        language_list = reference.language_choices()
    first = len(reference.FIRST_COUNTRIES)
    assert [c for c, _ in country_list[:first]] == list(reference.FIRST_COUNTRIES)
    rest = [n for _, n in country_list[first:]]
    assert rest == sorted(rest, key=sort_key)
    rest = [n for _, n in language_list[len(reference.FIRST_LANGUAGES) :]]
    assert rest == sorted(rest, key=sort_key)
    if language == "sr":
        # Code-point order would put "Јамајка" after "Шведска"; the azbuka puts it after "Италија".
        names = [n for _, n in country_list]
        assert names.index("Италија") < names.index("Јамајка") < names.index("Шведска")


@pytest.mark.parametrize(
    ("language", "date", "moment"),
    [("sr", "30. новембра 2026.", "30. новембра 2026. 15:05"),
     ("sr-latn", "30. novembra 2026.", "30. novembra 2026. 15:05")],
)  # fmt: skip
def test_long_dates_read_with_the_month_in_the_genitive(language, date, moment):
    import datetime

    from django.utils import formats

    with translation.override(language):
        assert formats.date_format(datetime.date(2026, 11, 30)) == date
        assert (
            formats.date_format(datetime.datetime(2026, 11, 30, 15, 5), "DATETIME_FORMAT") == moment
        )
        assert formats.date_format(datetime.date(2026, 5, 1)).endswith(" 2026.")
        assert formats.date_format(datetime.date(2026, 5, 1), "j. E") in ("1. маја", "1. maja")


# --- the glossary: one term for each of the Center's notions ---

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "src" / "zastita" / "locale" / "sr" / "LC_MESSAGES" / "django.po"


def po_entries(text: str) -> list[tuple[str | None, str, list[str]]]:
    """(msgctxt, msgid, msgstrs) of every entry of a .po file but the header."""
    found: list[tuple[str | None, str, list[str]]] = []
    current: dict[str, str] = {}
    key = ""

    def flush() -> None:
        if current.get("msgid"):
            strs = [v for k, v in current.items() if k.startswith("msgstr")]
            found.append((current.get("msgctxt"), current["msgid"], strs))

    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line:
            flush()
            current, key = {}, ""
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _sep, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
    return found


def glossary() -> list[tuple[list[str], str, list[str], list[str]]]:
    rows = []
    for line in (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0] in ("English", "---") or set(cells[0]) <= {"-"}:
            continue
        english, serbian, accepted, forbidden, _note = cells
        rows.append((
            [e.strip() for e in english.split(" / ")], serbian,
            [a.strip() for a in accepted.split(",") if a.strip()],
            [f.strip() for f in forbidden.split(",") if f.strip()],
        ))  # fmt: skip
    return rows


def test_the_glossary_is_read():
    rows = glossary()
    assert len(rows) >= 10
    terms = {english[0]: serbian for english, serbian, _a, _f in rows}
    assert terms["report"] == "пријава"
    assert terms["sign in"] == "пријављивање"
    assert terms["e-mail"] == "е-пошта"


def test_the_catalogue_uses_the_glossarys_terms():
    entries = po_entries(CATALOGUE.read_text(encoding="utf-8"))
    assert len(entries) > 500
    problems = []
    for english, serbian, accepted, forbidden in glossary():
        pattern = re.compile(
            "|".join(rf"\b{re.escape(e)}(?:s|ren)?\b" for e in english), re.IGNORECASE
        )
        banned = [re.compile(rf"(?<!\w){re.escape(f)}(?!\w)", re.IGNORECASE) for f in forbidden]
        matched = 0
        for _ctxt, msgid, msgstrs in entries:
            if not pattern.search(msgid):
                continue
            matched += 1
            for msgstr in msgstrs:
                lowered = msgstr.lower()
                if not any(a.lower() in lowered for a in accepted):
                    problems.append(f"{msgid!r}: {msgstr!r} does not use «{serbian}»")
                problems.extend(
                    f"{msgid!r}: {msgstr!r} uses the forbidden «{b.pattern}»"
                    for b in banned
                    if b.search(msgstr)
                )
        assert matched, f"no message contains {english}: the glossary row is stale"
    assert problems == []


def test_the_glossary_check_catches_a_wrong_term():
    """The check itself: "Пријава" for signing in, "и-мејл" for e-mail are caught."""
    bad = 'msgid "Sign in"\nmsgstr "Пријава"\n\nmsgid "E-mail"\nmsgstr "И-мејл"\n'
    entries = po_entries(bad)
    rows = {english[0]: (forbidden, accepted) for english, _s, accepted, forbidden in glossary()}
    sign_in_forbidden, _accepted = rows["sign in"]
    assert any(re.search(rf"(?<!\w){f}(?!\w)", entries[0][2][0], re.I) for f in sign_in_forbidden)
    _forbidden, mail_accepted = rows["e-mail"]
    assert not any(a in entries[1][2][0].lower() for a in mail_accepted)


def test_the_rosters_primary_shift_is_not_the_education_level():
    from zastita.intake.models import ShiftKind
    from zastita.people.models import Education

    with translation.override("sr"):
        assert str(ShiftKind.PRIMARY.label) == "главно дежурство"
        assert str(Education.PRIMARY.label) == "основно (први циклус)"
    with translation.override("sr-latn"):
        assert str(ShiftKind.PRIMARY.label) == "glavno dežurstvo"


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("0:30", 30), ("24:00", 1440), ("1.30", 90), ("2 ч 30 мин", 150), ("2h", 120),
     ("45 min", 45), ("90", 90), ("4 сата", 240)],
)  # fmt: skip
def test_durations_are_typed_in_hours_and_minutes(typed, minutes):
    from zastita.core.durations import hours_minutes, parse_minutes

    assert parse_minutes(typed) == minutes
    assert parse_minutes(hours_minutes(minutes)) == minutes
    assert parse_minutes("половина") is None


def test_a_response_target_is_entered_and_shown_in_hours_or_days(client, make_user):
    import datetime

    from zastita.deadlines.public import DeadlineTarget

    from ..conftest import sign_in

    def target() -> DeadlineTarget:
        rows = DeadlineTarget.objects.filter(kind="intake.decision", variant="ordinary")
        return rows.latest("version")

    sign_in(client, make_user("head_of_service"))
    page = client.get("/deadlines/targets/").content.decode()
    assert 'name="amount" value="2"' in page  # 48 hours are shown as 2 days
    assert "дана" in page
    posted = {"target": "intake.decision:ordinary", "version": target().version,
              "amount": "3", "unit": "days", "warn_at_percent": "50"}  # fmt: skip
    response = client.post("/deadlines/targets/", posted)
    assert response.status_code == 302
    assert target().target == datetime.timedelta(days=3)
    refused = client.post("/deadlines/targets/", {**posted, "amount": "пола",
                                                   "version": target().version})  # fmt: skip
    assert "Унесите цео број" in refused.content.decode()
    assert 'value="пола"' in refused.content.decode()  # what was typed stays
