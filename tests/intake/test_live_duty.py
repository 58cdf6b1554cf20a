"""The duty board's polling endpoint: the actor's own unread count and newest notification
id, whether one arrived since the page was drawn; nobody else's; bad input refused."""

from __future__ import annotations

from zastita.intake.services import report_create

from ..conftest import sign_in
from .conftest import report_input


def test_the_state_says_when_a_notification_arrived(client, duty_worker, on_shift, make_user):
    on_shift()
    sign_in(client, duty_worker)
    before = client.get("/notifications/state/?since=0").json()
    assert before == {"unread": 0, "latest": 0, "new": False}
    report_create(actor=make_user("worker"), data=report_input())
    after = client.get(f"/notifications/state/?since={before['latest']}").json()
    assert after["unread"] == 1
    assert after["new"] is True
    again = client.get(f"/notifications/state/?since={after['latest']}").json()
    assert again["new"] is False
    # Counts and ids only.
    assert set(after) == {"unread", "latest", "new"}


def test_nobody_elses_notifications_are_counted(client, duty_worker, on_shift, make_user):
    on_shift()
    report_create(actor=make_user("worker"), data=report_input())
    sign_in(client, make_user("worker"))
    assert client.get("/notifications/state/").json() == {"unread": 0, "latest": 0, "new": False}
    client.logout()
    assert client.get("/notifications/state/").status_code == 302  # to the sign-in page


def test_a_bad_since_is_refused(client, duty_worker):
    sign_in(client, duty_worker)
    response = client.get("/notifications/state/?since=yesterday")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["since"] == ["Унесите цео број."]
