"""A person with an approved decision on their status (from the identification tests'
fixtures), and the staff who open and work on cases."""

from __future__ import annotations

import pytest

from zastita.identification.services import decision_approve, decision_propose

from ..identification.conftest import accepted, identification, person  # noqa: F401
from ..identification.test_services import decision_data


@pytest.fixture
def head(make_user):
    return make_user("head_of_service", username="head1")


@pytest.fixture
def decide(worker_user, head):
    """Approves a decision with this status on the identification."""

    def make(identification, status="identified"):  # noqa: F811
        proposed = decision_propose(actor=worker_user, identification=identification,
                                    **decision_data(worker_user, status=status))  # fmt: skip
        return decision_approve(actor=head, decision=proposed)

    return make
