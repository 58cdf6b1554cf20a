"""A registered report and an identification (from the identification tests' fixtures), and
the staff who assign and are assigned."""

from __future__ import annotations

import pytest

from zastita.accounts.models import User

from ..identification.conftest import accepted, identification, person  # noqa: F401


@pytest.fixture
def head(make_user) -> User:
    return make_user("head_of_service", username="head1")


@pytest.fixture
def colleague(make_user) -> User:
    return make_user("worker", username="colleague1")
