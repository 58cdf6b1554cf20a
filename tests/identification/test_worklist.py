"""The identifications worklist, and the heads of service told that a decision awaits them:
success, forbidden-as-404 and invalid input; nothing about the person in a notification."""

from __future__ import annotations

import pytest
from django.test import override_settings

from zastita.core.navigation import entries_for
from zastita.identification.services import decision_approve, decision_propose
from zastita.notifications.public import Notification, NotificationChannel, link, text

from ..conftest import sign_in
from .conftest import NO_ACCESS
from .test_services import decision_data


def _codes(response) -> list[str]:
    return [i.person.code for i in response.context["identifications"]]


def test_the_worklist_shows_open_identifications_and_those_awaiting(
    client, worker_user, make_user, identification
):
    sign_in(client, worker_user)
    assert _codes(client.get("/identification/")) == [identification.person.code]
    assert _codes(client.get("/identification/?awaiting_approval=on&state=open")) == []
    decision = decision_propose(actor=worker_user, identification=identification,
                                **decision_data(worker_user))  # fmt: skip
    awaiting = client.get("/identification/?awaiting_approval=on&state=open")
    assert _codes(awaiting) == [identification.person.code]
    assert awaiting.context["identifications"][0].pending
    decision_approve(actor=make_user("head_of_service"), decision=decision)
    assert _codes(client.get("/identification/")) == []
    decided = client.get("/identification/?state=decided")
    assert _codes(decided) == [identification.person.code]
    assert decided.context["identifications"][0].in_force == decision
    # Nothing decrypted: the person's name is not on the page.
    assert "Вера" not in decided.content.decode()
    # A review proposed on the decided identification awaits approval too.
    decision_propose(actor=worker_user, identification=identification, kind="review",
                     **decision_data(worker_user, status="presumed"))  # fmt: skip
    assert _codes(client.get("/identification/?awaiting_approval=on")) == [
        identification.person.code
    ]


@pytest.mark.parametrize("role", NO_ACCESS)
def test_the_worklist_is_not_found_for_others(client, make_user, identification, role):
    sign_in(client, make_user(role))
    assert client.get("/identification/").status_code == 404


def test_a_bad_filter_shows_the_open_ones_and_says_why(client, worker_user, identification):
    sign_in(client, worker_user)
    response = client.get("/identification/?state=everything")
    assert response.status_code == 200
    assert "state" in response.context["form"].errors
    assert _codes(response) == [identification.person.code]


def test_a_proposed_decision_tells_the_heads_of_service_and_pages_nobody(
    worker_user, make_user, identification
):
    head = make_user("head_of_service")
    head.email = "head@example.org"
    head.save(update_fields=["email"])
    with override_settings(ZASTITA_WEBHOOK_URL="http://127.0.0.1:9/hook"):
        decision_propose(actor=worker_user, identification=identification,
                         **decision_data(worker_user))  # fmt: skip
    decision = identification.decisions.get()
    rows = list(Notification.objects.filter(kind="approval"))
    assert {(n.subject_type, n.subject_id) for n in rows} == {("decision", decision.pk)}
    assert not any(n.urgent for n in rows)
    assert {(n.recipient_id, n.channel) for n in rows} == {
        (head.pk, NotificationChannel.IN_APP), (head.pk, NotificationChannel.EMAIL),
    }  # fmt: skip
    message = text(rows[0])
    # It leads to the decision awaiting approval itself, on its identification's page.
    assert link(rows[0]).endswith(f"/identification/{identification.pk}/#decision-{decision.pk}")
    assert identification.report_person.report.number in message
    assert "Вера" not in message
    assert identification.person.code not in message


def test_only_the_longest_matching_entry_is_current(worker_user):
    entries = entries_for(worker_user, "/identification/rules/")
    current = [str(e["label"]) for e in entries if e["current"]]
    assert len(current) == 1
    assert current[0] in ("Indicators", "Индикатори")
    listing = entries_for(worker_user, "/identification/12/")
    assert [e["url"] for e in listing if e["current"]] == ["/identification/"]
