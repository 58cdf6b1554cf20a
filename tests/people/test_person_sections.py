"""The person at the centre: the person's page lists the reports and identifications about
them that the viewer may see, each with its status and a link; a record outside the viewer's
scope is left out; each item shown is a recorded read."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from zastita.audit.models import Action
from zastita.core.errors import NotFound
from zastita.core.registries.person_sections import person_sections
from zastita.identification import selectors as identification_selectors
from zastita.intake import selectors as intake_selectors

from ..conftest import events, sign_in
from ..identification import conftest as setup


@pytest.fixture
def identification(worker_user):
    person = setup.person.__wrapped__(worker_user)  # type: ignore[attr-defined]
    accepted = setup.accepted.__wrapped__(worker_user, person)  # type: ignore[attr-defined]
    return setup.identification.__wrapped__(worker_user, accepted)  # type: ignore[attr-defined]


def test_the_sections_are_registered_in_order():
    codes = [s.code for s in sorted(person_sections, key=lambda s: s.order)]
    assert codes[:2] == ["intake.reports", "identification.identifications"]


def test_person_page_lists_reports_and_identifications(client, worker_user, identification):
    report = identification.report_person.report
    sign_in(client, worker_user)
    response = client.get(f"/people/{identification.person_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/reports/{report.pk}/"' in html
    assert report.number in html
    report.refresh_from_db()
    with translation.override("sr"):
        assert str(report.get_status_display()) in html  # the report's status in words
        assert str(identification.get_status_display()) in html
        assert gettext("No decision in force.") in html
    assert f'href="/identification/{identification.pk}/"' in html
    # Every item shown is a read of that record.
    read = {(e.object_type, e.object_id) for e in events(action=Action.VIEW, actor=worker_user)}
    assert ("report", str(report.pk)) in read
    assert ("identification", str(identification.pk)) in read


def test_records_out_of_scope_are_left_out(client, worker_user, identification, monkeypatch):
    report = identification.report_person.report

    def not_found(**kwargs):
        raise NotFound(object_type="x", object_id="1")

    monkeypatch.setattr(intake_selectors, "report_get_for_actor", not_found)
    monkeypatch.setattr(identification_selectors, "identification_get_for_actor", not_found)
    sign_in(client, worker_user)
    html = client.get(f"/people/{identification.person_id}/").content.decode()
    assert report.number not in html
    assert f"/identification/{identification.pk}/" not in html
    with translation.override("sr"):
        assert html.count(gettext("None you may see.")) == 3  # reports, identifications, cases
    read = {(e.object_type, e.object_id) for e in events(action=Action.VIEW, actor=worker_user)}
    assert ("report", str(report.pk)) not in read


def test_the_director_reads_them_too(client, make_user, identification):
    sign_in(client, make_user("director"))
    response = client.get(f"/people/{identification.person_id}/")
    assert response.status_code == 200
    assert identification.report_person.report.number in response.content.decode()


@pytest.mark.parametrize("role", ["analyst", "administrator", "partner_reporter", "dpo"])
def test_person_page_forbidden_looks_like_not_found(client, make_user, identification, role):
    sign_in(client, make_user(role))
    assert client.get(f"/people/{identification.person_id}/").status_code == 404
    assert client.get("/people/999999/").status_code == 404


def test_the_decision_in_force_is_shown_with_its_status(client, worker_user, make_user,
                                                        identification):  # fmt: skip
    from zastita.identification.services import decision_approve, decision_propose

    head = make_user("head_of_service")
    decision = decision_propose(
        actor=worker_user, identification=identification, status="presumed",
        municipality="Ниш", panel=[{"user": worker_user.pk, "profession": "психолог"}],
        reasons="Образложење предлога одлуке довољно дугачко.",
    )  # fmt: skip
    sign_in(client, worker_user)
    html = client.get(f"/people/{identification.person_id}/").content.decode()
    with translation.override("sr"):
        assert gettext("A proposed decision awaits approval.") in html
    decision_approve(actor=head, decision=decision)
    html = client.get(f"/people/{identification.person_id}/").content.decode()
    with translation.override("sr"):
        decision.refresh_from_db()
        assert str(decision.get_status_display()) in html
        assert gettext("No decision in force.") not in html
        assert gettext("A proposed decision awaits approval.") not in html


def test_a_merged_records_reports_show_on_the_kept_record(client, worker_user, make_user,
                                                          identification):  # fmt: skip
    from zastita.people.identity import Identity
    from zastita.people.services import person_create, person_merge

    head = make_user("head_of_service")
    kept = person_create(actor=worker_user, identity=Identity(first_name="Вера", last_name="Тест"),
                         birth_year=1990)  # fmt: skip
    person_merge(actor=head, kept=kept, absorbed=identification.person)
    sign_in(client, worker_user)
    html = client.get(f"/people/{kept.pk}/").content.decode()
    assert identification.report_person.report.number in html
    assert f'href="/identification/{identification.pk}/"' in html
