"""The municipalities of Serbia as a reference list: codes stored, names shown in the user's
script, and a name as people write it (either script, any case, no diacritics) found."""

from __future__ import annotations

import json

from django.utils import translation

from zastita.core import municipalities


def test_the_list_covers_serbia_with_unique_codes_and_cyrillic_names():
    rows = json.loads(municipalities.DATA_FILE.read_text(encoding="utf-8"))["municipalities"]
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes)) > 150
    assert municipalities.OTHER not in codes
    for row in rows:
        assert row["code"].isascii()
        assert row["code"] == row["code"].lower()
        assert not any("a" <= c.lower() <= "z" for c in row["name"]), row  # Cyrillic only
    for city in ("Ниш", "Нови Сад", "Крагујевац", "Суботица", "Београд – Земун", "Прешево"):
        assert municipalities.resolve(city), city


def test_names_are_found_in_either_script_and_shown_in_the_users():
    for spelling in ("Ниш", "NIŠ", "nis", " Niš "):
        assert municipalities.resolve(spelling) == "nis"
    assert municipalities.resolve("Bačka  Palanka") == "backa-palanka"
    assert municipalities.resolve("Beograd - Zvezdara") == "beograd-zvezdara"
    assert municipalities.resolve("Belgrade") == "beograd"
    assert municipalities.resolve("nis") == "nis"  # a code is its own answer
    assert municipalities.resolve("Атлантида") is None
    assert municipalities.resolve("   ") is None
    with translation.override("sr"):
        assert municipalities.municipality_name("cacak") == "Чачак"
        assert municipalities.municipality_choices()[0] == ("ada", "Ада")
    with translation.override("sr-latn"):
        assert municipalities.municipality_name("cacak") == "Čačak"
    assert not municipalities.is_municipality("Ниш")
    assert municipalities.is_municipality("nis")
