"""Synthetic people for demos, tests and benchmarks: Serbian names, made up, never real data.

Names are drawn from lists of common given names and surnames, combined at random, so no
record describes a real person. Distributions follow the shape of the Center's published
statistics (most identified victims female, about 60% children).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from zastita.core.transliteration import to_latin

FEMALE = [
    "Ана", "Марија", "Јелена", "Милица", "Јована", "Ивана", "Драгана", "Снежана", "Тамара",
    "Катарина", "Невена", "Сања", "Теодора", "Анђела", "Кристина", "Мирјана", "Љиљана",
    "Бојана", "Сара", "Јована", "Ђурђа", "Маја", "Наташа", "Гордана", "Весна", "Јасмина",
    "Даница", "Зорица", "Тијана", "Емилија", "Лена", "Петра", "Софија", "Хелена", "Дуња",
]  # fmt: skip
MALE = [
    "Никола", "Марко", "Стефан", "Лазар", "Милош", "Ђорђе", "Душан", "Александар", "Јован",
    "Немања", "Урош", "Вук", "Петар", "Филип", "Огњен", "Лука", "Драган", "Зоран", "Горан",
    "Дејан", "Бранко", "Милан", "Јаков", "Андрија", "Ђура", "Љубомир", "Вељко", "Живко",
]  # fmt: skip
SURNAMES = [
    "Јовановић", "Петровић", "Николић", "Марковић", "Ђорђевић", "Стојановић", "Илић",
    "Станковић", "Павловић", "Милошевић", "Стефановић", "Радовановић", "Ђурић", "Живковић",
    "Тодоровић", "Савић", "Костић", "Лазић", "Митровић", "Ристић", "Вукић", "Чолић",
    "Шаркић", "Жунић", "Ћирић", "Џамић", "Љубичић", "Његовановић", "Бошковић", "Ђукић",
    "Ерић", "Филиповић", "Глигорић", "Хаџић", "Јаковљевић", "Калезић", "Луковић",
]  # fmt: skip

# Latin spellings met in police and partner records for the same Cyrillic letters.
_FOLDED = str.maketrans({"č": "c", "ć": "c", "š": "s", "ž": "z", "đ": "dj", "Č": "C", "Ć": "C",
                         "Š": "S", "Ž": "Z", "Đ": "Dj"})  # fmt: skip


@dataclass(frozen=True)
class SyntheticPerson:
    given_name: str
    surname: str
    sex: str  # HTCDS prs_Gender
    birth_year: int | None
    age_disputed: bool
    citizenship: str  # ISO 3166-1 alpha-2
    written_as: str  # "cyrillic", "latin" or "latin_folded": how the record spelled the name
    duplicate_of: int | None  # index of the record this one duplicates, if planted

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _spell(name: str, style: str) -> str:
    if style == "cyrillic":
        return name
    latin = to_latin(name)
    return latin.translate(_FOLDED) if style == "latin_folded" else latin


def generate(count: int, *, seed: int = 0, reference_year: int = 2026) -> Iterator[SyntheticPerson]:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
    made: list[SyntheticPerson] = []
    for _index in range(count):
        if made and rng.random() < 0.03:
            # A planted duplicate: the same person, written down another way.
            source_index = rng.randrange(len(made))
            source = made[source_index]
            style = rng.choice(["latin", "latin_folded", "cyrillic"])
            person = SyntheticPerson(
                given_name=_spell(_cyrillic_of(source.given_name, source), style),
                surname=_spell(_cyrillic_of(source.surname, source), style),
                sex=source.sex,
                birth_year=source.birth_year,
                age_disputed=source.age_disputed,
                citizenship=source.citizenship,
                written_as=style,
                duplicate_of=source_index,
            )
        else:
            sex = "Feminine" if rng.random() < 0.8 else "Masculine"
            given = rng.choice(FEMALE if sex == "Feminine" else MALE)
            surname = rng.choice(SURNAMES)
            child = rng.random() < 0.62
            age = rng.randint(8, 17) if child else rng.randint(18, 55)
            unknown = rng.random() < 0.04
            style = rng.choices(["cyrillic", "latin", "latin_folded"], weights=[70, 20, 10])[0]
            person = SyntheticPerson(
                given_name=_spell(given, style),
                surname=_spell(surname, style),
                sex=sex,
                birth_year=None if unknown else reference_year - age,
                age_disputed=unknown or rng.random() < 0.03,
                citizenship=rng.choices(["RS", "BA", "MK", "AL", "AF", "SY"], [85, 4, 3, 3, 3, 2])[
                    0
                ],
                written_as=style,
                duplicate_of=None,
            )
        made.append(person)
        yield person


def _cyrillic_of(name: str, person: SyntheticPerson) -> str:
    """The original Cyrillic spelling behind a generated name (names are generated in Cyrillic)."""
    if person.written_as == "cyrillic":
        return name
    for candidate in (*FEMALE, *MALE, *SURNAMES):
        if _spell(candidate, person.written_as) == name:
            return candidate
    return name
