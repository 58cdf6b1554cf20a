"""The labels of choices looked up once per language, and the addresses of a table's rows
reversed once."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from zastita.cases.models import CaseStatus
from zastita.core.addresses import address_of
from zastita.core.labels import labels


def test_labels_follow_the_active_language():
    with translation.override("sr"):
        serbian = labels(CaseStatus)
    with translation.override("en"):
        english = labels(CaseStatus)
    assert set(serbian) == set(english) == set(CaseStatus.values)
    assert english["closed"] == "closed"
    assert serbian["closed"] != english["closed"]
    with translation.override("sr"):
        assert serbian["closed"] == str(CaseStatus.CLOSED.label)


def test_an_address_for_each_row_is_the_reversed_address():
    end = address_of("cases:engagement_end")
    write = address_of("documents:write", "cases.report_request")
    for pk in (1, 7, 2_000_000):
        assert end(pk) == reverse("cases:engagement_end", args=[pk])
        assert write(pk) == reverse("documents:write", args=["cases.report_request", pk])
