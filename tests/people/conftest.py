"""Fixtures for the person registry: identities from the project's synthetic generator."""

from __future__ import annotations

import datetime

import pytest

from zastita.core.synthetic import generate
from zastita.people.identity import Identity
from zastita.people.services import person_create


@pytest.fixture
def register(worker_user):
    def make(identity: Identity | None = None, **descriptive):
        if identity is None:
            synthetic = next(generate(1, seed=len(descriptive) + 3))
            identity = Identity(first_name=synthetic.given_name, last_name=synthetic.surname)
        if identity.birth_date is None:
            descriptive.setdefault("birth_year", 1990)
        return person_create(actor=worker_user, identity=identity, **descriptive)

    return make


ADULT_BIRTH = datetime.date(1994, 6, 15)
