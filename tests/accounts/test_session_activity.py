"""What counts as activity: the user's requests and the page's heartbeat do, the page's own
background requests do not; the page learns the time left and comes back after sign-in."""

from __future__ import annotations

import time

from django.contrib.sessions.models import Session

from zastita.accounts.middleware import SESSION_LAST_SEEN, SESSION_STARTED

from ..conftest import sign_in


def _age(client, seconds: float) -> None:
    session = client.session
    session[SESSION_LAST_SEEN] = time.time() - seconds
    session.save()


def _last_seen(client) -> float:
    return client.session[SESSION_LAST_SEEN]


def test_a_passive_request_does_not_count_as_activity(client, worker_user):
    sign_in(client, worker_user)
    client.get("/")
    _age(client, 10 * 60)
    before = _last_seen(client)
    response = client.get("/session/status", headers={"X-Zastita-Passive": "1"})
    assert response.status_code == 200
    assert 280 <= response.json()["seconds_left"] <= 300
    assert _last_seen(client) == before


def test_the_heartbeat_counts_as_activity(client, worker_user):
    sign_in(client, worker_user)
    client.get("/")
    _age(client, 10 * 60)
    response = client.post("/session/heartbeat")
    assert response.status_code == 200
    assert response.json()["seconds_left"] >= 15 * 60 - 2
    assert time.time() - _last_seen(client) < 5


def test_the_time_left_is_bounded_by_the_absolute_limit(client, worker_user):
    sign_in(client, worker_user)
    client.get("/")
    session = client.session
    session[SESSION_STARTED] = time.time() - (10 * 3600 - 100)
    session.save()
    assert client.post("/session/heartbeat").json()["seconds_left"] <= 100


def test_the_heartbeat_is_post_only_and_status_get_only(client, worker_user):
    sign_in(client, worker_user)
    assert client.get("/session/heartbeat").status_code == 405
    assert client.post("/session/status").status_code == 405


def test_a_passive_request_after_the_idle_limit_ends_the_session_with_a_401(client, worker_user):
    sign_in(client, worker_user)
    client.get("/")
    _age(client, 16 * 60)
    key = client.session.session_key
    response = client.get("/session/status", headers={"X-Zastita-Passive": "1"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorised"
    assert not Session.objects.filter(session_key=key).exists()


def test_a_page_left_idle_returns_to_it_after_signing_in(client, worker_user):
    sign_in(client, worker_user)
    client.get("/reports/new/")
    _age(client, 16 * 60)
    response = client.get("/reports/new/?q=x")
    assert response.status_code == 302
    # Only the path: a query string could hold what was searched for.
    assert response["Location"] == "/login/?next=%2Freports%2Fnew%2F"


def test_signing_out_at_the_idle_limit_says_why(client, worker_user):
    sign_in(client, worker_user)
    response = client.post("/logout/", {"reason": "idle"}, follow=True)
    assert "Ваша сесија је истекла" in response.content.decode()


def test_session_endpoints_answer_a_signed_out_page_with_a_401(client, db):
    for response in (client.get("/session/status"), client.post("/session/heartbeat")):
        assert response.status_code == 401
        assert response.json() == {"seconds_left": 0}
