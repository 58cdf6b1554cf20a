"""Serbian alphabetical order: azbuka for Cyrillic, abeceda (lj, nj, dž as letters) for Latin."""

from __future__ import annotations

import random
import re

from hypothesis import given
from hypothesis import strategies as st

from zastita.core.collation import sort_key, sorted_by_name
from zastita.core.transliteration import to_latin

AZBUKA = "абвгдђежзијклљмнњопрстћуфхцчџш"
ABECEDA = ["a", "b", "c", "č", "ć", "d", "dž", "đ", "e", "f", "g", "h", "i", "j", "k", "l",
           "lj", "m", "n", "nj", "o", "p", "r", "s", "š", "t", "u", "v", "z", "ž"]  # fmt: skip


def _shuffled(items: list[str]) -> list[str]:
    copy = list(items)
    random.Random(7).shuffle(copy)
    return copy


def test_the_cyrillic_alphabet_sorts_in_azbuka_order():
    letters = list(AZBUKA)
    assert sorted(_shuffled(letters), key=sort_key) == letters
    # Python's own order puts ђ, ј, љ, њ, ћ, џ after ш: the reason this module exists.
    assert sorted(letters) != letters


def test_the_latin_alphabet_sorts_in_abeceda_order_with_digraphs_as_letters():
    assert sorted(_shuffled(ABECEDA), key=sort_key) == ABECEDA
    # "lj" is one letter after l: "lopta" comes before "ljubav", "nož" before "njiva".
    assert sorted(["ljubav", "lopta", "lubenica"], key=sort_key) == ["lopta", "lubenica", "ljubav"]
    assert sorted(["njiva", "nož"], key=sort_key) == ["nož", "njiva"]
    assert sorted(["džem", "dz", "đak", "dvor"], key=sort_key) == ["dvor", "dz", "džem", "đak"]
    assert sorted(["čas", "ćup", "cvet", "zima", "žaba", "šuma", "sunce"], key=sort_key) == [
        "cvet", "čas", "ćup", "sunce", "šuma", "zima", "žaba",
    ]  # fmt: skip


def test_real_names_in_both_scripts():
    cyrillic = ["Ђорђевић", "Жарковић", "Јовановић", "Лукић", "Љубић", "Недић", "Њего", "Ћирић",
                "Урошевић", "Чолић", "Џамић", "Шаптер"]  # fmt: skip
    assert sorted(_shuffled(cyrillic), key=sort_key) == cyrillic
    latin = sorted(_shuffled([to_latin(n) for n in cyrillic]), key=sort_key)
    assert latin == ["Čolić", "Ćirić", "Džamić", "Đorđević", "Jovanović", "Lukić", "Ljubić",
                     "Nedić", "Njego", "Šapter", "Urošević", "Žarković"]  # fmt: skip


def test_case_spaces_punctuation_and_foreign_letters():
    assert sorted(["б", "А", "а", "Б"], key=sort_key) == ["А", "а", "Б", "б"]
    # A word ends before a longer one: "Нова Гвинеја" before "Нови Зеланд".
    assert sorted(["Нови Зеланд", "Нова Гвинеја", "Норвешка"], key=sort_key) == [
        "Нова Гвинеја", "Нови Зеланд", "Норвешка",
    ]  # fmt: skip
    # Accents of other languages do not push a name to the end: Émile next to Emil.
    assert sorted(["Zoran", "Émile", "Emil", "Ana"], key=sort_key) == [
        "Ana",
        "Emil",
        "Émile",
        "Zoran",
    ]
    assert sorted(["Wagner", "Vuk", "Zec"], key=sort_key) == ["Vuk", "Wagner", "Zec"]
    # Punctuation does not decide the order.
    assert sort_key("Гвинеја-Бисао")[0] == sort_key("ГвинејаБисао")[0]


def test_sorted_by_name_orders_objects_by_the_name_they_show():
    pairs = [("RS", "Србија"), ("HR", "Хрватска"), ("ME", "Црна Гора"), ("AT", "Аустрија")]
    assert [c for c, _ in sorted_by_name(pairs, lambda p: p[1])] == ["AT", "RS", "HR", "ME"]


@given(st.lists(st.text(alphabet=AZBUKA + AZBUKA.upper() + " -", max_size=12), max_size=12))
def test_the_order_is_total_and_consistent_across_scripts(words):
    ordered = sorted(words, key=sort_key)
    assert sorted(reversed(ordered), key=sort_key) == ordered
    # Same words, same order whatever order they came in.
    assert sorted(_shuffled(words), key=sort_key) == ordered


def test_name_lists_on_pages_are_in_serbian_order(client, admin_user, make_user, db):
    """The partner register and the roster's worker list: Ђ, Ј, Љ... where a reader looks."""
    import re as regex

    from zastita.partners.models import Organisation, Sector

    from ..conftest import sign_in

    for name in ("Шабачка школа", "Јагодинска школа", "Ивањичка школа", "Ђурђевачка школа"):
        Organisation.objects.create(name=name, sector=Sector.EDUCATION, municipality="Ниш")
    sign_in(client, admin_user)
    page = client.get("/partners/").content.decode()
    shown = [n for n in regex.findall(r"[\u0400-\u04ff]+ школа", page) if n != "Тест школа"]
    assert shown == ["Ђурђевачка школа", "Ивањичка школа", "Јагодинска школа", "Шабачка школа"]


def test_the_rosters_workers_are_offered_in_serbian_order(make_user, db):
    from zastita.accounts.models import User
    from zastita.intake.forms import ShiftForm

    # Usernames in the opposite order, so only the full names can give the expected one.
    for username, full_name in (("a1", "Шабан Ш"), ("z1", "Ђорђе Ђ"), ("m1", "Јован Ј")):
        make_user("duty_worker", username=username)
        User.objects.filter(username=username).update(full_name=full_name)
    form = ShiftForm(users=User.objects.filter(username__in=["a1", "z1", "m1"]).order_by("pk"))
    labels = re.findall(r'<option value="\d+">([^<]+)</option>', str(form["user"]))
    assert labels == ["z1", "m1", "a1"]
