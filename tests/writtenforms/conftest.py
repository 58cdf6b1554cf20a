"""Fixtures for written forms: the toy spec, registered for a test and taken away after."""

from __future__ import annotations

import pytest

from zastita.writtenforms.public import form_specs, register

from ..identification.conftest import accepted, identification, person  # noqa: F401
from . import toy


@pytest.fixture
def toy_spec():
    register(toy.SPEC)
    toy.PANEL.clear()
    yield toy.SPEC
    form_specs.unregister(toy.TOY_CODE)
    toy.PANEL.clear()


@pytest.fixture
def head(make_user):
    return make_user("head_of_service")
