"""The outbox with a kind the platform has never heard of (a toy subject): rows written in
the event's transaction, delivered after it commits, once; urgent kinds page whatever the
recipient chose; a quiet kind honours their choice."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings

from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.periodic import periodic_jobs
from zastita.notifications.delivery import backoff
from zastita.notifications.models import NotificationPreference
from zastita.notifications.public import (
    DeliveryState,
    Notification,
    deliver_due,
    link,
    notification_kinds,
    notify,
    path,
    text,
)
from zastita.notifications.services import preference_set

from .conftest import TOY, TOY_QUIET

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def people(make_user):
    one, two = make_user("worker"), make_user("worker")
    for user, address in ((one, "one@example.org"), (two, "")):
        user.email = address
        user.save(update_fields=["email"])
    return one, two


@override_settings(MAILERS=LOCMEM, ZASTITA_WEBHOOK_URL="")
def test_a_toy_kind_is_written_delivered_and_shown_with_no_change_to_the_platform(
    toy_kinds, people
):
    one, two = people
    rows = notify(kind=TOY, subject_type="toy", subject_id=7, recipients=[one, two], tag="a")
    # In the application for both; by e-mail for the one with an address.
    assert sorted((n.recipient_id, n.channel) for n in rows) == sorted(
        [(one.pk, "in_app"), (two.pk, "in_app"), (one.pk, "email")]
    )
    assert all((n.subject_type, n.subject_id, n.urgent) == ("toy", 7, True) for n in rows)
    assert deliver_due() == 1
    (message,) = mail.outbox
    assert message.to == ["one@example.org"]
    assert "Toy 7 (sr)" in message.subject
    assert "/toys/7/" in message.body
    note = Notification.objects.get(recipient=two, channel="in_app")
    assert (text(note, "en"), path(note)) == ("Toy 7 (en)", "/toys/7/")
    assert link(note).endswith("/toys/7/")
    # The same event again is a no-op (the dedupe key); another tag is a new message.
    notify(kind=TOY, subject_type="toy", subject_id=7, recipients=[one, two], tag="a")
    assert Notification.objects.count() == 3
    notify(kind=TOY, subject_type="toy", subject_id=7, recipients=[one], tag="b")
    assert Notification.objects.count() == 5


def test_an_unknown_kind_is_a_programming_error(people):
    with pytest.raises(LookupError):
        notify(kind="toy.nothing", subject_type="toy", subject_id=1, recipients=people)


def test_a_kind_taken_away_still_shows_as_a_notification(toy_kinds, people):
    notify(kind=TOY_QUIET, subject_type="toy", subject_id=3, recipients=people[:1])
    note = Notification.objects.get(channel="in_app")
    notification_kinds.unregister(TOY_QUIET)
    assert text(note, "en") == "A notification"
    assert path(note) == "/notifications/"


def test_a_subject_that_is_gone_still_shows_as_a_notification(make_user):
    from zastita.accounts.models import User
    from zastita.notifications.public import NotificationKindSpec

    def gone(*args: object) -> str:
        return User.objects.get(pk=987654).username  # raises DoesNotExist

    spec = NotificationKindSpec(code="toy.gone", label="gone", text=gone, link=gone)
    notification_kinds.register(spec.code, spec)
    try:
        notify(kind=spec.code, subject_type="toy", subject_id=1, recipients=[make_user()])
        note = Notification.objects.get(channel="in_app")
        assert (text(note, "en"), path(note)) == ("A notification", "/notifications/")
    finally:
        notification_kinds.unregister(spec.code)


@pytest.mark.django_db(transaction=True)
@override_settings(MAILERS=LOCMEM, ZASTITA_WEBHOOK_URL="")
def test_delivery_starts_only_after_the_commit(toy_kinds, people, monkeypatch):
    from zastita.notifications import delivery

    started: list[str] = []
    monkeypatch.setattr(delivery, "enqueue_delivery", lambda: started.append("x"))

    def fails() -> None:
        with transaction.atomic():
            notify(kind=TOY, subject_type="toy", subject_id=1, recipients=people)
            raise RuntimeError("the event failed")

    with pytest.raises(RuntimeError):
        fails()
    assert started == []
    assert not Notification.objects.exists()
    with transaction.atomic():
        notify(kind=TOY, subject_type="toy", subject_id=1, recipients=people)
        assert started == []
    assert started == ["x"]


@override_settings(ZASTITA_WEBHOOK_URL="http://127.0.0.1:9/hook")
def test_only_an_urgent_message_goes_to_the_webhook(toy_kinds, people):
    notify(kind=TOY_QUIET, subject_type="toy", subject_id=1, recipients=people)
    assert not Notification.objects.filter(channel="webhook").exists()
    notify(kind=TOY, subject_type="toy", subject_id=1, recipients=people)
    hook = Notification.objects.get(channel="webhook")
    assert hook.recipient is None
    # A quiet kind made urgent for one event pages only if the kind allows the webhook.
    notify(kind=TOY_QUIET, subject_type="toy", subject_id=2, recipients=people, urgent=True)
    assert Notification.objects.filter(channel="webhook").count() == 1


def test_a_quiet_kind_honours_the_choice_and_an_urgent_one_ignores_it(toy_kinds, people):
    one, _two = people
    preference_set(actor=one, user=one, choices={TOY_QUIET: ["email"]})
    notify(kind=TOY_QUIET, subject_type="toy", subject_id=1, recipients=[one])
    assert list(Notification.objects.values_list("channel", flat=True)) == ["email"]
    preference_set(actor=one, user=one, choices={TOY_QUIET: []})
    notify(kind=TOY_QUIET, subject_type="toy", subject_id=2, recipients=[one])
    assert Notification.objects.filter(subject_id=2).count() == 0
    notify(kind=TOY, subject_type="toy", subject_id=3, recipients=[one])
    assert set(Notification.objects.filter(subject_id=3).values_list("channel", flat=True)) == {
        "in_app", "email"}  # fmt: skip


def test_a_choice_is_ones_own_and_only_among_the_kinds_channels(toy_kinds, people):
    one, two = people
    with pytest.raises(PermissionDenied):
        preference_set(actor=one, user=two, choices={TOY_QUIET: []})
    invalid: list[dict[str, list[str]]] = [{TOY_QUIET: ["webhook"]}, {TOY: []}, {"toy.nothing": []}]
    for choices in invalid:
        with pytest.raises(ValidationError):
            preference_set(actor=one, user=one, choices=choices)
    assert not NotificationPreference.objects.exists()


def test_the_backoff_doubles_up_to_its_ceiling():
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff(30) == datetime.timedelta(hours=6)


def test_the_outbox_runs_in_the_workers_pass_after_the_deadlines():
    names = [job.name for job in periodic_jobs]
    assert "notifications.outbox" in names
    assert "intake.outbox" not in names
    # One pass of the deadlines, every kind's (intake's clocks among them), not two.
    assert [n for n in names if "clock" in n or n.startswith("deadlines.")] == ["deadlines.scan"]
    assert names.index("deadlines.scan") < names.index("notifications.outbox")


def test_a_failed_row_is_not_sent_again(toy_kinds, people):
    notify(kind=TOY, subject_type="toy", subject_id=1, recipients=people[:1])
    Notification.objects.filter(channel="email").update(state=DeliveryState.FAILED)
    assert deliver_due() == 0
