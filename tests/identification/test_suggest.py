"""The sets suggested for a report: by its forms of exploitation and the person's age."""

from __future__ import annotations

import pytest

from zastita.identification.indicators.engine import load_rules
from zastita.identification.indicators.suggest import suggested_sets

from ..conftest import sign_in


@pytest.fixture(scope="module")
def book():
    return load_rules()


@pytest.mark.parametrize(
    ("exploitation", "age", "expected"),
    [
        (["SexualExploitation"], 30, ["AS"]),
        (["SexualExploitation"], 15, ["CS"]),
        (["SexualExploitation"], None, ["CS"]),  # unknown age: the child rule applies
        (["ForcedLabour", "SexualExploitation"], 25, ["AL", "AS"]),  # several forms, several sets
        (["ForcedBegging"], 12, ["CL"]),
        (["ForcedCriminality"], 18, ["AL"]),
        (["Unknown"], 40, ["AL", "AS"]),
        (["OrganRemoval"], 40, []),  # no set covers it
        ([], 40, []),
    ],
)
def test_sets_follow_the_forms_and_the_age(book, exploitation, age, expected):
    assert suggested_sets(book, exploitation, age) == expected


def test_the_identification_page_marks_the_suggested_sets(client, worker_user, identification):
    # The report suspects sexual exploitation; the person was born in 1990.
    sign_in(client, worker_user)
    rows = client.get(f"/identification/{identification.pk}/").context["set_rows"]
    assert [s.id for s, _a, suggested in rows if suggested] == ["AS"]
