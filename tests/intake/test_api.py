"""The reports API: partner submission with Idempotency-Key, status of own reports, staff
submission; success, forbidden-as-404 and invalid input for each operation."""

from __future__ import annotations

import pytest
from django.test import Client

from zastita.audit.models import Action
from zastita.core.models import IdempotentRequest
from zastita.intake.models import Report, ReportPerson, Status
from zastita.partners.models import Organisation, Sector

from ..conftest import events, sign_in
from ..partners.keys import issue_confirmed
from .conftest import NARRATIVE, in_threads

BODY = {
    "municipality": "Нови Сад",
    "urgency": "child",
    "exploitation": ["ForcedBegging"],
    "narrative": NARRATIVE,
    "persons": [{"description": "дечак, око 12 година"}],
}


@pytest.fixture
def school_key(admin_user, organisation):
    _key, raw = issue_confirmed(
        requester=admin_user, organisation=organisation, label="школа",
        capabilities=["reports.submit", "reports.status"],
    )  # fmt: skip
    return {"Authorization": f"Bearer {raw}"}


def _post(client: Client, headers: dict[str, str], body: dict, key: str | None = None):
    sent = dict(headers)
    if key:
        sent["Idempotency-Key"] = key
    return client.post("/api/v1/reports", body, content_type="application/json", headers=sent)


def test_a_partner_submits_and_a_replay_returns_the_first_report(client, school_key, organisation):
    first = _post(client, school_key, BODY, key="a1b2c3")
    assert first.status_code == 201
    data = first.json()
    assert set(data) == {"id", "number", "status", "received_at"}  # nothing echoed back
    assert data["status"] == "received"
    replay = _post(client, school_key, BODY, key="a1b2c3")
    assert replay.status_code == 200
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json()["id"] == data["id"]
    assert Report.objects.count() == 1 == IdempotentRequest.objects.count()
    report = Report.objects.get()
    assert (report.channel, report.reporter_kind, report.reporter_organisation) == (
        "partner_app", "organisation", organisation,
    )  # fmt: skip
    assert report.reporter_sector == organisation.sector
    assert ReportPerson.objects.get().is_child
    created = events(action=Action.CREATE, object_type="report")
    assert len(created) == 1
    assert created[0].api_key_id is not None


def test_the_same_key_with_another_body_is_a_conflict(client, school_key):
    assert _post(client, school_key, BODY, key="k-1").status_code == 201
    other = _post(client, school_key, {**BODY, "municipality": "Суботица"}, key="k-1")
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "conflict"
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_replays_create_exactly_one_report(admin_user, organisation):
    _key, raw = issue_confirmed(requester=admin_user, organisation=organisation, label="x",
                              capabilities=["reports.submit"])  # fmt: skip
    answers: list[tuple[int, str]] = []

    def send(_i: int) -> None:
        response = _post(Client(), {"Authorization": f"Bearer {raw}"}, BODY, key="same")
        code = (
            response.json().get("error", {}).get("code", "") if response.status_code >= 400 else ""
        )
        answers.append((response.status_code, code))

    assert not in_threads(send, 4)
    assert Report.objects.count() == 1
    # One creates; the others get the same report back, or are told that the first is still
    # being answered (409 in_progress), or, where the database could not take a lock in
    # time, a 503: both say to send it again, which then returns the same report.
    assert [s for s, _c in answers].count(201) == 1
    assert all(a in ((200, ""), (201, ""), (409, "in_progress"), (503, "busy")) for a in answers)
    again = _post(Client(), {"Authorization": f"Bearer {raw}"}, BODY, key="same")
    assert again.status_code == 200
    assert again.json()["id"] == Report.objects.get().pk


def test_invalid_input_is_refused_per_field(client, school_key):
    response = _post(client, school_key, {"urgency": "soon", "persons": []}, key="bad")
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert {"municipality", "urgency", "narrative", "persons"} <= {f.split(".")[-1] for f in fields}
    assert not Report.objects.exists()
    assert not IdempotentRequest.objects.exists()


def test_field_messages_are_in_the_callers_language(client, school_key):
    body = {"urgency": "soon", "persons": []}

    def fields(response) -> dict[str, list[str]]:
        return {k.split(".")[-1]: v for k, v in response.json()["error"]["fields"].items()}

    serbian = fields(_post(client, school_key, body, key="l1"))
    assert serbian["municipality"] == ["Ово поље је обавезно."]
    assert serbian["urgency"] == ["Изаберите једну од дозвољених вредности."]
    latin = _post(client, {**school_key, "Accept-Language": "sr-Latn"}, body, key="l2")
    assert fields(latin)["municipality"] == ["Ovo polje je obavezno."]
    english = _post(client, {**school_key, "Accept-Language": "en"}, body, key="l3")
    assert fields(english)["municipality"] == ["This field is required."]
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]
    # No pydantic text in any language: only our own, translated messages.
    assert "Field required" not in str(serbian) + str(fields(english))


def test_a_key_without_the_capability_looks_like_not_found(client, admin_user, organisation):
    _key, raw = issue_confirmed(requester=admin_user, organisation=organisation, label="ref",
                              capabilities=["reference.read"])  # fmt: skip
    response = _post(client, {"Authorization": f"Bearer {raw}"}, BODY, key="x")
    assert response.status_code == 404
    assert not Report.objects.exists()
    assert events(action=Action.DENIED, object_type="report")


def test_a_partner_sees_the_status_of_its_own_reports_only(client, school_key, admin_user):
    number = _post(client, school_key, BODY, key="s1").json()["number"]
    sequence, year = number.split("/")
    own = client.get(f"/api/v1/reports/{year}/{int(sequence)}/status",
                     HTTP_AUTHORIZATION=school_key["Authorization"])  # fmt: skip
    assert own.status_code == 200
    assert own.json()["status"] == Status.RECEIVED
    assert "narrative" not in own.json()
    police = Organisation.objects.create(name="Демо ПУ", sector=Sector.POLICE)
    _k, raw = issue_confirmed(requester=admin_user, organisation=police, label="p",
                            capabilities=["reports.status"])  # fmt: skip
    other = client.get(f"/api/v1/reports/{year}/{int(sequence)}/status",
                       HTTP_AUTHORIZATION=f"Bearer {raw}")  # fmt: skip
    missing = client.get(f"/api/v1/reports/{year}/9999/status",
                         HTTP_AUTHORIZATION=f"Bearer {raw}")  # fmt: skip
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()
    bad = client.get("/api/v1/reports/x/1/status", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert bad.status_code in (404, 422)


def test_staff_submit_through_their_session(client, worker_user, make_user):
    sign_in(client, worker_user)
    response = client.post(
        "/api/v1/reports", {**BODY, "channel": "hotline", "reporter_kind": "anonymous"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201
    assert Report.objects.get().channel == "hotline"
    analyst = Client()
    sign_in(analyst, make_user("analyst"))
    refused = analyst.post("/api/v1/reports", BODY, content_type="application/json")
    assert refused.status_code == 404
    assert Report.objects.count() == 1
