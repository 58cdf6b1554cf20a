"""`Idempotency-Key` on the API's creating operation, for staff sessions and partner keys:
a replay returns the first answer, another body with the same key is a 409, keys belong to
their caller and are forgotten after a bounded time."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from zastita.core import idempotency
from zastita.core.models import IdempotentRequest
from zastita.intake.models import Report

from ..conftest import sign_in
from ..intake.conftest import NARRATIVE
from ..partners.keys import issue_confirmed
from .test_api import assert_error

BODY = {
    "municipality": "Нови Сад",
    "urgency": "child",
    "narrative": NARRATIVE,
    "persons": [{"description": "девојчица, око 15 година"}],
    "channel": "hotline",
    "reporter_kind": "anonymous",
}


def _post(client: Client, body: dict, key: str | None, **headers: str):
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post("/api/v1/reports", body, content_type="application/json", headers=headers)


def _partner(admin_user, organisation, label: str) -> dict[str, str]:
    _key, raw = issue_confirmed(
        requester=admin_user, organisation=organisation, label=label,
        capabilities=["reports.submit"],
    )  # fmt: skip
    return {"Authorization": f"Bearer {raw}"}


def test_a_staff_session_posting_three_times_creates_one_report(client, worker_user):
    sign_in(client, worker_user)
    answers = [_post(client, BODY, "staff-1") for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 200, 200]
    assert {a.json()["id"] for a in answers} == {Report.objects.get().pk}
    assert answers[0].json() == answers[2].json()
    assert not answers[0].has_header("Idempotent-Replayed")
    assert answers[1]["Idempotent-Replayed"] == answers[2]["Idempotent-Replayed"] == "true"


def test_without_a_key_each_post_is_a_new_report(client, worker_user):
    sign_in(client, worker_user)
    assert [_post(client, BODY, None).status_code for _ in range(2)] == [201, 201]
    assert Report.objects.count() == 2
    assert not IdempotentRequest.objects.exists()


def test_the_same_key_with_another_body_is_a_conflict_for_staff(client, worker_user):
    sign_in(client, worker_user)
    assert _post(client, BODY, "k").status_code == 201
    other = _post(client, {**BODY, "urgency": "immediate"}, "k")
    error = assert_error(other, 409, "conflict")
    assert "Idempotency-Key" in error["message"]
    assert Report.objects.count() == 1


def test_keys_are_scoped_to_the_caller(client, worker_user, make_user, admin_user, organisation):
    sign_in(client, worker_user)
    colleague = sign_in(Client(), make_user("worker", username="kolega"))
    first_partner = _partner(admin_user, organisation, "a")
    second_partner = _partner(admin_user, organisation, "b")
    answers = [
        _post(client, BODY, "shared"),
        _post(colleague, BODY, "shared"),
        _post(Client(), BODY, "shared", **first_partner),
        _post(Client(), BODY, "shared", **second_partner),
    ]
    # The same key from four callers: four reports, none another caller's answer.
    assert [a.status_code for a in answers] == [201, 201, 201, 201]
    assert len({a.json()["id"] for a in answers}) == 4 == Report.objects.count()


def test_keys_are_forgotten_after_the_bounded_time(client, worker_user):
    sign_in(client, worker_user)
    first = _post(client, BODY, "old")
    assert first.status_code == 201
    IdempotentRequest.objects.update(
        created_at=timezone.now() - idempotency.TTL - datetime.timedelta(minutes=1)
    )
    again = _post(client, BODY, "old")
    assert again.status_code == 201
    assert again.json()["id"] != first.json()["id"]
    # The expired record is gone, not merely ignored.
    assert IdempotentRequest.objects.count() == 1


def test_expired_keys_are_swept(client, worker_user):
    sign_in(client, worker_user)
    for key in ("a", "b", "c"):
        assert _post(client, BODY, key).status_code == 201
    IdempotentRequest.objects.filter(key__in=["a", "b"]).update(
        created_at=timezone.now() - idempotency.TTL - datetime.timedelta(seconds=1)
    )
    assert idempotency.forget_expired() == 2
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["c"]


def test_a_refused_request_gives_its_key_back(client, worker_user):
    sign_in(client, worker_user)
    refused = _post(client, {**BODY, "narrative": "   "}, "retry-me")
    assert_error(refused, 422, "invalid")
    assert not IdempotentRequest.objects.exists()
    assert _post(client, BODY, "retry-me").status_code == 201


def test_a_replay_while_the_first_is_answered_is_told_to_wait(client, worker_user):
    sign_in(client, worker_user)
    IdempotentRequest.objects.create(
        scope=f"user:{worker_user.pk}", key="busy",
        request_hash=idempotency.request_digest("report_submit", _normalised(BODY)),
    )  # fmt: skip
    response = _post(client, BODY, "busy")
    assert_error(response, 409, "in_progress")
    assert response["Retry-After"] == "1"
    assert not Report.objects.exists()


@pytest.mark.parametrize("key", ["x" * 101, "with space", "ключ", "tab\tkey"])
def test_a_malformed_key_is_refused_at_its_field(client, worker_user, key):
    sign_in(client, worker_user)
    error = assert_error(_post(client, BODY, key), 422, "invalid")
    assert list(error["fields"]) == ["Idempotency-Key"]
    assert not Report.objects.exists()


def test_the_stored_answer_holds_no_submitted_text(client, worker_user):
    sign_in(client, worker_user)
    _post(client, BODY, "private")
    record = IdempotentRequest.objects.get()
    stored = f"{record.request_hash}{record.response}"
    assert NARRATIVE[:20] not in stored
    assert "Нови Сад" not in stored
    assert set(record.response or {}) == {"id", "number", "status", "received_at"}


def _normalised(body: dict) -> dict:
    """The body as the operation sees it (defaults filled in), which is what is hashed."""
    from zastita.intake.api import ReportIn

    return ReportIn(**body).model_dump(mode="json")


def test_a_replay_after_losing_the_permission_looks_like_not_found(client, worker_user):
    sign_in(client, worker_user)
    assert _post(client, BODY, "then").status_code == 201
    worker_user.roles.clear()
    replay = _post(client, BODY, "then")
    assert_error(replay, 404, "not_found")
    assert "number" not in replay.content.decode()


def test_a_request_answered_before_the_module_moved_hashes_the_same():
    """Keys stored while the API app held the module (salt "zastita.api.idempotency") still
    match a retry: a partner's repeat gets its first answer, not a 409."""
    import json

    from django.utils.crypto import salted_hmac

    payload = {"narrative": "Пример", "persons": [{"is_child": True}]}
    stored = salted_hmac(
        "zastita.api.idempotency",
        json.dumps(["report_create", payload], sort_keys=True, ensure_ascii=False),
        algorithm="sha256",
    ).hexdigest()
    assert idempotency.request_digest("report_create", payload) == stored
