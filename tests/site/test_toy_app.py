"""A new domain app joins the platform by registering in its AppConfig.ready(): the toy app
(tests/support/toyapp) adds a notification kind, a deadline kind, a document type and a
written-form spec, and each works with no change to the platform apps."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from zastita.core.errors import ApplicationError
from zastita.core.registries import Registry
from zastita.core.registries.deadlines import deadline_kinds
from zastita.core.registries.documents import document_types
from zastita.core.registries.notifications import notification_kinds
from zastita.core.registries.writtenforms import form_specs
from zastita.deadlines.public import deadline_scan, deadline_start
from zastita.documents.public import document_issue, document_pdf
from zastita.notifications.public import notifications_for, notify
from zastita.writtenforms.public import WrittenForm, form_approve, form_save

REGISTERED: list[tuple[Registry[Any], str]] = [
    (notification_kinds, "toyapp.attention"),
    (deadline_kinds, "toyapp.repair"),
    (document_types, "toyapp.minutes"),
    (form_specs, "toyapp_check"),
]


@pytest.fixture
def toy_app(tmp_path) -> Iterator[None]:
    assert not any(key in registry for registry, key in REGISTERED)
    installed = [*settings.INSTALLED_APPS, "tests.support.toyapp"]
    with override_settings(INSTALLED_APPS=installed, ZASTITA_ATTACHMENTS_DIR=tmp_path):
        yield
    for registry, key in REGISTERED:
        registry.unregister(key)


@pytest.mark.django_db(transaction=True)
def test_a_new_app_registers_itself_and_the_platform_serves_it(toy_app, make_user):
    assert all(key in registry for registry, key in REGISTERED)
    keeper = make_user("worker", username="toy.keeper")

    # Notifications: a message about toy 7, with the kind's own text and link.
    with transaction.atomic():
        notify(kind="toyapp.attention", subject_type="toy", subject_id=7, recipients=[keeper])
    [message] = notifications_for(actor=keeper)
    assert (message.message, message.url) == ("Toy 7 needs attention", "/toys/7/")

    # Deadlines: a two-hour repair started 90 minutes ago is past its warning (50 %), once.
    now = timezone.now()
    with transaction.atomic():
        deadline = deadline_start(kind="toyapp.repair", subject_id=7,
                                  at=now - datetime.timedelta(minutes=90))  # fmt: skip
    assert deadline.due_at == now + datetime.timedelta(minutes=30)
    assert deadline_scan(now)["warning"] == 1
    assert deadline_scan(now)["warning"] == 0
    assert deadline_scan(now + datetime.timedelta(hours=1))["breach"] == 1
    assert len(notifications_for(actor=keeper)) == 3  # the message, the warning, the breach

    # Documents: numbered, stored, and the same step gives back the same document.
    first = document_issue(actor=keeper, type_code="toyapp.minutes", subject_id=7,
                           step_key="toy:7:checked")  # fmt: skip
    again = document_issue(actor=keeper, type_code="toyapp.minutes", subject_id=7,
                           step_key="toy:7:checked")  # fmt: skip
    assert again.pk == first.pk
    assert first.number >= 1
    assert document_pdf(document=first).startswith(b"%PDF-")

    # Written forms: saved by the keeper, approved by someone else (never by its author).
    head = make_user("head_of_service", username="toy.head")
    form_save(actor=keeper, code="toyapp_check", subject_id=7,
              sections={"state": "Точкови нови."}, base_version=0)  # fmt: skip
    form = WrittenForm.objects.get(code="toyapp_check", subject_id=7)
    with pytest.raises(ApplicationError):
        form_approve(actor=keeper, form=form, version=1)
    approved = form_approve(actor=head, form=form, version=1)
    assert approved.approved_version == 1


def test_the_toy_app_is_gone_after_the_test():
    assert not any(key in registry for registry, key in REGISTERED)
