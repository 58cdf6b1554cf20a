"""One's notifications page and the choice of channels: success, forbidden-as-404 and invalid
input; the list shows one's own only, in words made from the kind (no personal data)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from zastita.audit.models import Action
from zastita.notifications.models import NotificationPreference
from zastita.notifications.public import Notification, notify

from ..conftest import events, sign_in
from .conftest import TOY, TOY_QUIET


def test_notifications_list_and_mark_all_read(client, make_user, toy_kinds):
    me, other = make_user("worker"), make_user("worker")
    notify(kind=TOY, subject_type="toy", subject_id=1, recipients=[me])
    notify(kind=TOY_QUIET, subject_type="toy", subject_id=2, recipients=[me])
    notify(kind=TOY, subject_type="toy", subject_id=3, recipients=[other])  # someone else's
    sign_in(client, me)
    response = client.get("/notifications/")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r.message, r.url) for r in rows] == [
        ("Toy 2 (sr)", "/toys/2/"), ("Toy 1 (sr)", "/toys/1/")]  # fmt: skip
    html = response.content.decode()
    assert "Toy 3" not in html
    assert html.count("<strong><time") == 2  # unread ones stand out
    assert reverse("notifications:preferences", args=[me.pk]) in html
    marked = client.post("/notifications/")
    assert (marked.status_code, marked["Location"]) == (302, "/notifications/")
    assert not Notification.objects.filter(recipient=me, read_at__isnull=True).exists()
    assert client.get("/notifications/").content.decode().count("<strong><time") == 0
    assert Notification.objects.get(recipient=other, channel="in_app").read_at is None
    assert not events(action=Action.VIEW, actor=me)


def test_notifications_are_ones_own(client, make_user, toy_kinds):
    notify(kind=TOY, subject_type="toy", subject_id=1, recipients=[make_user("worker")])
    sign_in(client, make_user("analyst"))
    response = client.get("/notifications/")
    assert (response.status_code, response.context["rows"]) == (200, [])
    client.post("/notifications/")
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_notifications_need_a_signed_in_user_and_refuse_other_methods(client, make_user):
    for method in ("get", "post"):
        response = getattr(Client(), method)("/notifications/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login") + "?")
    sign_in(client, make_user("worker"))
    assert client.put("/notifications/").status_code == 405
    assert client.delete("/notifications/").status_code == 405


def test_the_state_counts_ones_own_unread(client, make_user, toy_kinds):
    me = make_user("worker")
    sign_in(client, me)
    assert client.get("/notifications/state/").json() == {"unread": 0, "latest": 0, "new": False}
    notify(kind=TOY, subject_type="toy", subject_id=1, recipients=[me])
    state = client.get("/notifications/state/?since=0").json()
    assert (state["unread"], state["new"]) == (1, True)
    assert client.get("/notifications/state/?since=x").status_code == 400


def _url(user) -> str:
    return f"/notifications/preferences/{user.pk}/"


def test_preferences_are_shown_and_saved(client, make_user, toy_kinds):
    me = make_user("worker")
    sign_in(client, me)
    page = client.get(_url(me))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="{TOY_QUIET}:email" id="c-{TOY_QUIET}-email" checked' in html
    # An urgent kind is shown, checked, and cannot be changed.
    assert f'value="{TOY}:in_app" id="c-{TOY}-in_app" checked disabled' in html
    saved = client.post(_url(me), {"channel": [f"{TOY_QUIET}:in_app"]})
    assert (saved.status_code, saved["Location"]) == (302, _url(me))
    pref = NotificationPreference.objects.get(user=me, kind=TOY_QUIET)
    assert pref.channels == ["in_app"]
    assert not NotificationPreference.objects.filter(kind=TOY).exists()
    assert [e.object_id for e in events(object_type="notification_preference")] == [str(me.pk)]
    notify(kind=TOY_QUIET, subject_type="toy", subject_id=1, recipients=[me])
    assert set(Notification.objects.values_list("channel", flat=True)) == {"in_app"}


def test_someone_elses_preferences_are_not_found(client, make_user, toy_kinds):
    me, other = make_user("worker"), make_user("head_of_service")
    sign_in(client, me)
    assert client.get(_url(other)).status_code == 404
    assert client.post(_url(other), {"channel": [f"{TOY_QUIET}:in_app"]}).status_code == 404
    assert client.get("/notifications/preferences/999999/").status_code == 404
    assert not NotificationPreference.objects.exists()


def test_a_channel_the_kind_does_not_allow_is_refused(client, make_user, toy_kinds):
    me = make_user("worker")
    sign_in(client, me)
    for box in (f"{TOY_QUIET}:webhook", f"{TOY}:email", "toy.nothing:email", "nonsense"):
        response = client.post(_url(me), {"channel": [f"{TOY_QUIET}:in_app", box]})
        # The page comes back with the error at the top and at the kind, nothing saved.
        assert response.status_code == 200, box
        html = response.content.decode()
        assert 'class="form-errors"' in html
        assert f'value="{TOY_QUIET}:email" id="c-{TOY_QUIET}-email">' in html  # as posted
    assert not NotificationPreference.objects.exists()
