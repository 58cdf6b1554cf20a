"""The start-up check of the registered document types."""

from __future__ import annotations

import dataclasses

import pytest

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


@pytest.mark.django_db
def test_a_type_without_a_need_to_know_rule_is_found_and_shows_nothing(
    client, worker_user, tmp_path
):
    from zastita.documents.public import document_issue

    from ..conftest import sign_in

    open_type = dataclasses.replace(TOY, code="toy.open", can_view=None)
    document_types.register(open_type.code, open_type)
    try:
        found = {e.id for e in check_document_types() if "toy.open" in e.msg}
        document = document_issue(actor=worker_user, type_code="toy.open", subject_id=3,
                                  step_key="open-1")  # fmt: skip
        sign_in(client, worker_user)
        page = client.get(f"/documents/{document.pk}/")
        pdf = client.get(f"/documents/{document.pk}/pdf/")
    finally:
        document_types.unregister(open_type.code)
    assert found == {"documents.E003"}
    assert (page.status_code, pdf.status_code) == (404, 404)
