"""The typed request: a signed-in view's actor is the staff account; a view reached without
one refuses (as not found) rather than acting as nobody."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from zastita.accounts.requests import actor_of
from zastita.core.errors import PermissionDenied


@pytest.mark.django_db
def test_the_actor_is_the_signed_in_account(worker_user) -> None:
    request = RequestFactory().get("/")
    request.user = worker_user
    assert actor_of(request) == worker_user


def test_an_anonymous_request_has_no_actor() -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        actor_of(request)
