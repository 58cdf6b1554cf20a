"""Cyrillic to Latin, one way."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zastita.core.transliteration import to_latin

CYRILLIC = "абвгдђежзијклљмнњопрстћуфхцчџш"


def test_known_words():
    assert to_latin("Ђорђе Љубичић") == "Đorđe Ljubičić"
    assert to_latin("ЉУБАВ ЊЕГОШ") == "LJUBAV NJEGOŠ"
    assert to_latin("Џон") == "Džon"
    assert to_latin("Центар за заштиту жртава") == "Centar za zaštitu žrtava"


def test_non_cyrillic_passes_through():
    assert to_latin("ABC 123 %(name)s <b>") == "ABC 123 %(name)s <b>"


@given(st.text(alphabet=CYRILLIC + CYRILLIC.upper() + " -", max_size=40))
def test_output_has_no_cyrillic_and_is_at_least_as_long(text):
    latin = to_latin(text)
    assert not any("\u0400" <= ch <= "\u04ff" for ch in latin)
    assert len(latin) >= len(text)


@given(st.text(alphabet=CYRILLIC, max_size=30))
def test_case_is_preserved_for_lowercase(text):
    assert to_latin(text) == to_latin(text).lower()
