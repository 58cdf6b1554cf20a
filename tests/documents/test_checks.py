"""The start-up check of the registered document types."""

from __future__ import annotations

import dataclasses

from zastita.core.registries.documents import document_types
from zastita.documents.checks import check_document_types

from .conftest import TOY


def test_registered_types_pass(toy_type):
    assert [e for e in check_document_types() if TOY.code in e.msg] == []


def test_a_broken_or_telling_default_template_is_found():
    broken = dataclasses.replace(TOY, code="toy.broken", default_template="<p>\n{% if x %}")
    telling = dataclasses.replace(
        TOY, code="toy.telling", default_template="<p>{{ toy_name }}: жртва трговине</p>"
    )
    for spec in (broken, telling):
        document_types.register(spec.code, spec)
    try:
        found = {e.id: e.msg for e in check_document_types() if "toy." in e.msg}
    finally:
        for spec in (broken, telling):
            document_types.unregister(spec.code)
    assert set(found) == {"documents.E001", "documents.E002"}
    assert "line 2" in found["documents.E001"]
    assert "toy.telling" in found["documents.E002"]
