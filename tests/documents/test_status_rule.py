"""DOMAIN.md §4: no document that goes to a third party says the person is a victim of
trafficking unless the law requires it.

The test walks the registry, so every type any app registers (in its `AppConfig.ready()`)
is checked, as it would be printed today (the template version in use, else the type's
default), with the type's synthetic sample, read back from the PDF."""

from __future__ import annotations

import dataclasses

import pytest

from zastita.core.errors import ValidationError
from zastita.core.registries.documents import DocumentType, document_types
from zastita.documents import docx, rendering
from zastita.documents.models import Document, DocumentTemplate, TemplateKind
from zastita.documents.public import document_issue, sample_html
from zastita.documents.services import template_save

from .conftest import TOY, pdf_text

pytestmark = pytest.mark.django_db

# The wording DOMAIN.md §4 forbids, in both scripts and in English.
FORBIDDEN = ("жртва трговине", "žrtva trgovine", "жртве трговине", "victim of trafficking")


def outside_types() -> list[DocumentType]:
    return [t for t in document_types if t.addressed_outside and not t.states_status_lawfully]


def printed_text(spec: DocumentType, actor, tmp_path) -> str:
    current = (
        DocumentTemplate.objects.filter(type_code=spec.code, kind=TemplateKind.HTML)
        .order_by("-version")
        .first()
    )
    body = current.body if current is not None else spec.default_template
    html = sample_html(spec=spec, body=body, actor=actor)
    return pdf_text(rendering.to_pdf(html), tmp_path).lower()


def test_no_outside_document_states_the_status(toy_type, worker_user, tmp_path):
    checked = outside_types()
    assert TOY in checked  # the walk reaches types registered by any app, the toy's too
    for spec in checked:
        text = printed_text(spec, worker_user, tmp_path)
        for phrase in FORBIDDEN:
            assert phrase not in text, f"{spec.code} says “{phrase}”"


def test_no_outside_word_copy_states_the_status(toy_type, head):
    """The Word copies too: every outside type edited by hand, with its DOCX template in use
    (else the shipped one) filled with the type's sample, read back with python-docx."""
    from zastita.documents.services import docx_template_bytes, templates

    by_hand = [t for t in outside_types() if t.edited_by_hand]
    assert by_hand, "no outside type is edited by hand: the walk checks nothing"
    for spec in by_hand:
        data = docx.render(
            docx_template_bytes(actor=head, spec=spec), templates.sample_context(spec, head)
        )
        text = docx.text_of(data).lower()
        assert "0000/" in text  # the registry number was filled in
        for phrase in FORBIDDEN:
            assert phrase not in text, f"{spec.code} (DOCX) says “{phrase}”"


def test_the_walk_would_catch_a_type_that_states_it(worker_user, tmp_path):
    telling = dataclasses.replace(
        TOY, code="toy.telling", default_template="<p>{{ toy_name }} је Жртва Трговине људима.</p>"
    )
    document_types.register(telling.code, telling)
    try:
        assert telling in outside_types()
        assert "жртва трговине" in printed_text(telling, worker_user, tmp_path)
        # A type the law requires to say it is not walked.
        lawful = dataclasses.replace(telling, code="toy.lawful", states_status_lawfully=True)
        document_types.register(lawful.code, lawful)
        assert lawful not in outside_types()
    finally:
        document_types.unregister("toy.telling")
        document_types.unregister("toy.lawful")


@pytest.mark.parametrize(
    "body",
    [
        "<p>{{ toy_name }} је жртва трговине људима.</p>",
        "<p>{{ toy_name }} je ŽRTVA  TRGOVINE ljudima.</p>",
        "<p>The owner is a <b>victim of trafficking</b>.</p>",
        "<p>Статус: жртве трговине</p>",
    ],
)
def test_a_template_saying_it_is_refused(toy_type, head, body):
    with pytest.raises(ValidationError) as refused:
        template_save(actor=head, type_code=TOY.code, body=body)
    assert "не сме да наводи" in refused.value.fields["body"][0]
    assert not DocumentTemplate.objects.exists()


def test_an_issue_whose_data_says_it_is_refused(toy_type, worker_user):
    telling = dataclasses.replace(
        TOY, code="toy.data", context=lambda subject_id: {"toy_name": "жртва трговине"}
    )
    document_types.register(telling.code, telling)
    try:
        with pytest.raises(ValidationError):
            document_issue(actor=worker_user, type_code=telling.code, subject_id=1, step_key="s")
    finally:
        document_types.unregister(telling.code)
    assert not Document.objects.exists()


def test_the_centers_name_is_not_a_statement_about_a_person():
    assert rendering.states_status("Центар за заштиту жртава трговине људима") is None
    assert rendering.states_status("Center for Protection of Victims of Human Trafficking") is None
