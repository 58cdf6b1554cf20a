"""Synthetic people: deterministic, Serbian, generated in Cyrillic, never real data."""

from __future__ import annotations

from zastita.core.synthetic import FEMALE, MALE, SURNAMES, generate
from zastita.core.transliteration import to_latin


def test_deterministic_with_a_seed():
    assert list(generate(200, seed=7)) == list(generate(200, seed=7))
    assert list(generate(200, seed=7)) != list(generate(200, seed=8))


def test_names_are_generated_in_cyrillic_and_sometimes_written_in_latin():
    people = list(generate(2000, seed=1))
    styles = {p.written_as for p in people}
    assert styles == {"cyrillic", "latin", "latin_folded"}
    originals = [p for p in people if p.written_as == "cyrillic" and p.duplicate_of is None]
    assert all(p.given_name in FEMALE + MALE and p.surname in SURNAMES for p in originals)
    assert sum(p.written_as == "cyrillic" for p in people) > len(people) / 2


def test_planted_duplicates_refer_to_the_same_person():
    people = list(generate(3000, seed=3))
    dups = [p for p in people if p.duplicate_of is not None]
    assert 30 < len(dups) < 200
    for dup in dups:
        assert dup.duplicate_of is not None
        source = people[dup.duplicate_of]
        assert (dup.birth_year, dup.sex) == (source.birth_year, source.sex)
        fold = str.maketrans("čćšžđ", "ccszd")
        a = to_latin(dup.surname).lower().translate(fold).replace("dj", "d")
        b = to_latin(source.surname).lower().translate(fold).replace("dj", "d")
        assert a == b


def test_shape_follows_the_published_statistics():
    people = [p for p in generate(5000, seed=2) if p.duplicate_of is None]
    female = sum(p.sex == "Feminine" for p in people) / len(people)
    children = sum(p.birth_year is not None and 2026 - p.birth_year < 18 for p in people) / len(
        people
    )
    assert 0.75 < female < 0.85
    assert 0.55 < children < 0.67
