"""A partner key that submits reports takes two people: the administrator requests and a
head of service confirms (or the reverse); the secret exists, and is shown once, only after
confirmation. Success, forbidden-as-404 and invalid input for the new pages."""

from __future__ import annotations

import pytest
from django.test import Client

from zastita.audit.models import Action
from zastita.core.errors import NotFound, ValidationError
from zastita.partners.models import ApiKey
from zastita.partners.services import (
    api_key_authenticate,
    api_key_confirm,
    api_key_issue,
    api_key_request,
)

from ..conftest import events, sign_in

REQUESTS = "/partners/keys/requests/"


@pytest.fixture
def head(make_user):
    return make_user("head_of_service", username="head1")


def _confirm_url(key: ApiKey) -> str:
    return f"{REQUESTS}{key.pk}/confirm/"


def test_the_administrator_requests_and_the_head_of_service_confirms(
    client, admin_user, head, organisation
):
    sign_in(client, admin_user)
    response = client.post(
        f"/partners/{organisation.pk}/keys/",
        {"label": "Школски систем", "capabilities": ["reports.submit", "reports.status"]},
    )
    assert response.status_code == 302
    key = ApiKey.objects.get(organisation=organisation)
    assert key.is_pending
    assert key.digest is None
    assert key.prefix is None
    assert not key.is_active
    assert "zk_" not in client.get(response["Location"]).content.decode()
    # The administrator cannot confirm their own request.
    assert client.post(_confirm_url(key)).status_code == 404

    head_client = sign_in(Client(), head)
    listing = head_client.get(REQUESTS).content.decode()
    assert "Школски систем" in listing
    assert _confirm_url(key) in listing
    confirmed = head_client.post(_confirm_url(key))
    assert confirmed.status_code == 200
    raw = confirmed.context["raw"]
    key.refresh_from_db()
    assert api_key_authenticate(raw) == key
    assert key.confirmed_by == head
    assert key.confirmed_at is not None
    # Shown once: nowhere afterwards, and it cannot be confirmed again.
    assert raw not in head_client.get(REQUESTS).content.decode()
    assert raw not in client.get(f"/partners/{organisation.pk}/").content.decode()
    assert head_client.post(_confirm_url(key)).status_code == 404
    assert events(action=Action.CREATE, object_type="api_key_request", actor=admin_user)
    assert events(action=Action.TRANSITION, object_type="api_key", actor=head)


def test_the_head_of_service_requests_and_the_administrator_confirms(
    client, admin_user, head, organisation
):
    sign_in(client, head)
    response = client.post(
        REQUESTS,
        {"organisation": organisation.pk, "label": "Полиција", "capabilities": ["reports.submit"]},
    )
    assert response.status_code == 302
    key = ApiKey.objects.get()
    assert client.post(_confirm_url(key)).status_code == 404  # not their own
    sign_in(client, admin_user)
    confirmed = client.post(_confirm_url(key))
    assert confirmed.status_code == 200
    assert api_key_authenticate(confirmed.context["raw"]) == key


def test_the_administrator_alone_cannot_mint_a_key_that_submits_reports(
    admin_user, make_user, organisation
):
    with pytest.raises(ValidationError):
        api_key_issue(
            actor=admin_user, organisation=organisation, label="x", capabilities=["reports.submit"]
        )
    key = api_key_request(
        actor=admin_user, organisation=organisation, label="x", capabilities=["reports.submit"]
    )
    for confirmer in (admin_user, make_user("administrator"), make_user("worker")):
        with pytest.raises(NotFound):
            api_key_confirm(actor=confirmer, key=key)
    key.refresh_from_db()
    assert key.digest is None
    assert not ApiKey.objects.filter(digest__isnull=False).exists()


def test_a_key_that_only_reads_is_still_issued_in_one_step(client, admin_user, organisation):
    sign_in(client, admin_user)
    response = client.post(
        f"/partners/{organisation.pk}/keys/",
        {"label": "Шифарници", "capabilities": ["reference.read"]},
    )
    assert response.status_code == 200
    assert api_key_authenticate(response.context["raw"]) is not None


@pytest.mark.parametrize("role", ["worker", "dpo", "partner_reporter", "director", "analyst"])
def test_requests_forbidden_look_like_not_found(client, make_user, admin_user, organisation, role):
    key = api_key_request(
        actor=admin_user, organisation=organisation, label="x", capabilities=["reports.submit"]
    )
    sign_in(client, make_user(role))
    assert client.get(REQUESTS).status_code == 404
    assert client.post(REQUESTS, {"organisation": organisation.pk}).status_code == 404
    assert client.post(_confirm_url(key)).status_code == 404
    assert not ApiKey.objects.filter(digest__isnull=False).exists()


def test_a_missing_or_revoked_request_is_not_found(client, admin_user, head, organisation):
    from zastita.partners.services import api_key_revoke

    key = api_key_request(
        actor=admin_user, organisation=organisation, label="x", capabilities=["reports.submit"]
    )
    api_key_revoke(actor=admin_user, key=key)
    sign_in(client, head)
    assert client.post(f"{REQUESTS}987654/confirm/").status_code == 404
    assert client.post(_confirm_url(key)).status_code == 404
    assert client.get(f"{REQUESTS}{key.pk}/confirm/").status_code == 405


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"label": "Систем", "capabilities": []}, "capabilities"),
        ({"label": "Систем", "capabilities": ["reports.launch"]}, "capabilities"),
        ({"label": "", "capabilities": ["reports.submit"]}, "label"),
        (
            {"organisation": 987654, "label": "Систем", "capabilities": ["reports.submit"]},
            "organisation",
        ),
    ],
)
def test_an_invalid_request_is_refused_at_its_field(client, head, organisation, data, field):
    sign_in(client, head)
    response = client.post(REQUESTS, {"organisation": organisation.pk, **data})
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert form.data["label"] == data["label"]  # nothing typed is lost
    assert not ApiKey.objects.exists()


def test_a_request_for_an_inactive_organisation_cannot_be_confirmed(
    client, admin_user, head, organisation
):
    key = api_key_request(
        actor=admin_user, organisation=organisation, label="x", capabilities=["reports.submit"]
    )
    organisation.is_active = False
    organisation.save()
    sign_in(client, head)
    response = client.post(_confirm_url(key))
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.digest is None


def test_the_confirmer_sees_the_request_on_the_home_page(client, admin_user, head, organisation):
    api_key_request(
        actor=admin_user, organisation=organisation, label="x", capabilities=["reports.submit"]
    )
    sign_in(client, head)
    assert REQUESTS in client.get("/").content.decode()
    sign_in(client, admin_user)  # the requester has nothing to confirm
    assert REQUESTS not in client.get("/").content.decode()


def test_an_empty_request_says_what_is_missing_at_each_field(client, head, organisation):
    sign_in(client, head)
    response = client.post(REQUESTS, {})
    assert response.status_code == 200
    form = response.context["form"]
    assert {"organisation", "label", "capabilities"} <= set(form.errors)
    assert not ApiKey.objects.exists()


def test_the_confirmer_is_sent_back_to_a_page_they_can_open(client, admin_user, head, organisation):
    import re

    key = api_key_request(
        actor=admin_user, organisation=organisation, label="x", capabilities=["reports.submit"]
    )
    sign_in(client, head)
    page = client.post(_confirm_url(key)).content.decode()
    done = re.search(r'<a class="button" href="([^"]+)"', page)
    assert done is not None
    assert client.get(done.group(1)).status_code == 200


def test_the_confirmer_reads_what_the_key_may_do_in_their_language(
    client, admin_user, head, organisation
):
    api_key_request(
        actor=admin_user, organisation=organisation, label="x", capabilities=["reports.submit"]
    )
    sign_in(client, head)
    page = client.get(REQUESTS).content.decode()
    assert ">подношење пријава</td>" in page
    assert ">reports.submit</td>" not in page
    sign_in(client, admin_user)
    page = client.get(f"/partners/{organisation.pk}/").content.decode()
    assert ">подношење пријава</td>" in page
