"""A report's place is a code of the municipalities' reference list (counted by statistics);
a place not on the list, and the competent body a report is forwarded to, are encrypted and
bound to their report. The data migration does the same to existing rows."""

from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidTag
from django.utils import timezone

from zastita.core.municipalities import OTHER
from zastita.intake import sealing
from zastita.intake.models import Report
from zastita.intake.services import report_places, report_transition

from ..conftest import latest, migrate_to, sign_in

HAMLET = "Засеок Канаринац код Горње Брезе"


def test_a_known_place_in_any_script_is_stored_as_its_code(make_report):
    for spelling in ("Ниш", "Niš", "NIS"):
        report = make_report(municipality=spelling)
        report.refresh_from_db()
        assert (report.municipality, report.municipality_other) == ("nis", "")
        assert report_places(report)["municipality"] == "Ниш"


def test_a_place_not_on_the_list_is_encrypted_and_named_only_on_its_page(
    client, worker_user, make_report
):
    report = make_report(municipality=HAMLET)
    report.refresh_from_db()
    assert report.municipality == OTHER
    assert "Канаринац" not in report.municipality_other
    assert report_places(report)["municipality"] == HAMLET
    sign_in(client, worker_user)
    assert HAMLET in client.get(f"/reports/{report.pk}/").content.decode()
    listed = client.get("/reports/").content.decode()
    assert report.number in listed
    assert "Канаринац" not in listed  # lists decrypt nothing


def test_the_competent_body_is_encrypted_and_bound_to_its_report(worker_user, make_report):
    report = make_report()
    report = report_transition(actor=worker_user, report=report, to="registered")
    report = report_transition(
        actor=worker_user, report=report, to="forwarded", forwarded_to="ПУ Канаринац"
    )
    report.refresh_from_db()
    assert "Канаринац" not in report.forwarded_to
    assert report_places(report)["forwarded_to"] == "ПУ Канаринац"
    other = make_report()
    with pytest.raises(InvalidTag):  # copied onto another report, it does not decrypt
        sealing.unseal(report.forwarded_to, report_key=f"r{other.pk}", field="forwarded_to")


BEFORE = [("intake", "0006_field_visit_clocks")]


def _old_report(old_apps, sequence: int, **fields: object) -> int:
    OldReport = old_apps.get_model("intake", "Report")
    row = OldReport.objects.create(
        year=2026, sequence=sequence, channel="phone", received_at=timezone.now(),
        reporter_kind="anonymous", urgency="ordinary", narrative="", key_id="k1", **fields,
    )  # fmt: skip
    return row.pk


@pytest.mark.django_db(transaction=True)
def test_the_migration_maps_names_to_codes_and_encrypts_the_rest():
    old_apps = migrate_to(BEFORE)
    try:
        known = _old_report(old_apps, 1, municipality="Nova Varoš", forwarded_to="")
        unknown = _old_report(old_apps, 2, municipality=HAMLET, forwarded_to="ВЈТ у Канаринцу")
    finally:
        migrate_to(latest("intake"))
    first, second = Report.objects.get(pk=known), Report.objects.get(pk=unknown)
    assert (first.municipality, first.municipality_other, first.forwarded_to) == (
        "nova-varos", "", ""
    )  # fmt: skip
    assert second.municipality == OTHER
    for column in (second.municipality_other, second.forwarded_to):
        assert column
        assert "Канарин" not in column
    assert report_places(second) == {"municipality": HAMLET, "forwarded_to": "ВЈТ у Канаринцу"}


@pytest.mark.django_db(transaction=True)
def test_going_back_is_refused_where_it_would_decrypt(make_report):
    make_report(municipality=HAMLET)
    with pytest.raises(RuntimeError, match="in clear"):
        migrate_to(BEFORE)
    # Read the one column: the migrations undone before the refusal took later columns away.
    assert Report.objects.values_list("municipality", flat=True).get() == OTHER


@pytest.mark.django_db(transaction=True)
def test_going_back_without_encrypted_places_names_the_codes_again(make_report):
    pk = make_report(municipality="Ниш").pk
    old_apps = migrate_to(BEFORE)
    assert old_apps.get_model("intake", "Report").objects.get(pk=pk).municipality == "Ниш"
