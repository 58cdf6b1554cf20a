"""The sets suggested for a report: by its forms of exploitation and the person's age."""

from __future__ import annotations

import pytest

from zastita.identification.indicators.engine import load_rules
from zastita.identification.indicators.suggest import may_be_child, suggested_sets

from ..conftest import sign_in


@pytest.fixture(scope="module")
def book():
    return load_rules()


@pytest.mark.parametrize(
    ("exploitation", "child", "expected"),
    [
        (["SexualExploitation"], False, ["AS"]),
        (["SexualExploitation"], True, ["CS"]),
        (["ForcedLabour", "SexualExploitation"], False, ["AL", "AS"]),  # several forms and sets
        (["ForcedBegging"], True, ["CL"]),
        (["ForcedCriminality"], False, ["AL"]),
        (["Unknown"], False, ["AL", "AS"]),
        (["OrganRemoval"], False, []),  # no set covers it
        ([], False, []),
    ],
)
def test_sets_follow_the_forms_and_the_age(book, exploitation, child, expected):
    assert suggested_sets(book, exploitation, child) == expected


@pytest.mark.parametrize(
    ("age", "disputed", "child"),
    [(30, False, False), (19, False, False), (17, False, True), (None, False, True),
     (30, True, True), (18, False, True)],  # 18 by the year alone may still be 17
)  # fmt: skip
def test_any_doubt_about_the_age_means_a_child(age, disputed, child):
    assert may_be_child(age, disputed=disputed) is child


def test_the_identification_page_marks_the_suggested_sets(client, worker_user, identification):
    # The report suspects sexual exploitation; the person was born in 1990.
    sign_in(client, worker_user)
    rows = client.get(f"/identification/{identification.pk}/").context["set_rows"]
    assert [s.id for s, _a, suggested in rows if suggested] == ["AS"]
    # A disputed age: the children's set instead.
    identification.person.age_disputed = True
    identification.person.save(update_fields=["age_disputed"])
    rows = client.get(f"/identification/{identification.pk}/").context["set_rows"]
    assert [s.id for s, _a, suggested in rows if suggested] == ["CS"]
