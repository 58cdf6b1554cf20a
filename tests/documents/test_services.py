"""Issuing, correcting and template versions, with a toy domain type: the platform works
for a type it has never heard of, with no change to it."""

from __future__ import annotations

import dataclasses
import datetime
import io
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from pypdf import PdfReader

from zastita.audit.models import Action
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.files import read
from zastita.core.registries.documents import document_types, register_of
from zastita.core.sequences import Sequence, sequence_last
from zastita.documents.models import Document, DocumentTemplate
from zastita.documents.public import document_correct, document_issue, documents_for_subject
from zastita.documents.services import cancel_reason, template_save

from ..conftest import events
from .conftest import TOY, pdf_text, stored_files

pytestmark = pytest.mark.django_db


def issue(actor, step: str = "toy:5:made", subject_id: int = 5, **kwargs) -> Document:
    return document_issue(
        actor=actor, type_code=TOY.code, subject_id=subject_id, step_key=step, **kwargs
    )


def test_issue_numbers_renders_stores_and_audits(toy_type, worker_user, files_dir, tmp_path):
    first = issue(worker_user)
    second = issue(worker_user, step="toy:6:made", subject_id=6)
    year = timezone.localdate().year
    assert (first.register, first.year, first.number) == ("general", year, 1)
    assert second.number == 2
    assert first.registry_number == f"0001/{year}"
    assert first.template.version == 1
    assert first.template.body == TOY.default_template
    assert (first.subject_type, first.subject_id, first.author) == ("toy", 5, worker_user)
    # Stored encrypted: the file on disk is not the PDF, reading it gives the PDF.
    on_disk = (files_dir / first.storage_name).read_bytes()
    assert not on_disk.startswith(b"%PDF-")
    data = read(first.storage_name)
    assert data.startswith(b"%PDF-")
    assert len(data) == first.size
    text = pdf_text(data, tmp_path)
    assert f"0001/{year}" in text
    assert "Дрвени коњић 5" in text
    assert worker_user.full_name in text
    catalog: Any = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert b"pdfaid:part" in catalog["/Metadata"].get_object().get_data()  # PDF/A
    assert "/OutputIntents" in catalog
    created = [e for e in events(actor=worker_user) if e.object_type == "document"]
    assert [(e.action, e.object_id) for e in created] == [
        (Action.CREATE, str(first.pk)),
        (Action.CREATE, str(second.pk)),
    ]


def test_same_step_issues_once(toy_type, worker_user, files_dir):
    first = issue(worker_user)
    again = issue(worker_user)
    assert again.pk == first.pk
    assert Document.objects.count() == 1
    assert sequence_last(register="general", year=first.year) == 1
    assert len(stored_files(files_dir)) == 1


def test_same_step_for_another_subject_is_a_conflict(toy_type, worker_user):
    issue(worker_user)
    with pytest.raises(Conflict):
        issue(worker_user, subject_id=6)


def test_a_failed_rendering_leaves_no_row_no_number_and_no_file(
    toy_type, worker_user, files_dir, monkeypatch
):
    issue(worker_user)

    def broken(html: str) -> bytes:
        raise RuntimeError("renderer down")

    from zastita.documents import rendering

    monkeypatch.setattr(rendering, "to_pdf", broken)
    with pytest.raises(RuntimeError):
        issue(worker_user, step="toy:6:made", subject_id=6)
    monkeypatch.undo()
    assert Document.objects.count() == 1
    assert sequence_last(register="general", year=timezone.localdate().year) == 1
    assert len(stored_files(files_dir)) == 1
    # The number that failed is given to the next document: no gap.
    assert issue(worker_user, step="toy:7:made", subject_id=7).number == 2


def test_a_failed_row_discards_the_stored_file(toy_type, worker_user, files_dir, monkeypatch):
    def fails(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(Document.objects, "create", fails)
    with pytest.raises(IntegrityError):
        issue(worker_user)
    assert stored_files(files_dir) == []
    assert sequence_last(register="general", year=timezone.localdate().year) == 0


def test_a_context_that_fails_uses_no_number(toy_type, worker_user):
    def boom(subject_id: int) -> dict[str, object]:
        raise LookupError("no such toy")

    broken = dataclasses.replace(TOY, code="toy.broken", context=boom)
    document_types.register(broken.code, broken)
    try:
        with pytest.raises(LookupError):
            document_issue(actor=worker_user, type_code=broken.code, subject_id=1, step_key="s")
    finally:
        document_types.unregister(broken.code)
    assert not Document.objects.exists()
    assert not Sequence.objects.filter(last__gt=0).exists()


def test_register_is_configuration(toy_type, worker_user, settings):
    settings.ZASTITA_DOCUMENT_REGISTERS = {TOY.code: "toys"}
    assert register_of(TOY) == "toys"
    document = issue(worker_user)
    assert (document.register, document.number) == ("toys", 1)
    assert sequence_last(register="general", year=document.year) == 0


def test_reissued_for_an_earlier_step_takes_that_years_number(toy_type, worker_user, tmp_path):
    earlier = timezone.now() - datetime.timedelta(days=800)
    document = issue(worker_user, issued_at=earlier, reissued=True)
    assert document.reissued
    assert document.year == timezone.localtime(earlier).year
    assert document.issued_at == earlier
    text = pdf_text(read(document.storage_name), tmp_path)
    assert timezone.localtime(earlier).strftime("%d.%m.%Y.") in text
    assert f"Издат {timezone.localdate().strftime('%d.%m.%Y.')} за корак предузет" in text


def test_refusals(toy_type, worker_user, make_user, head):
    with pytest.raises(ValidationError) as unknown:
        document_issue(actor=worker_user, type_code="nope", subject_id=1, step_key="s")
    assert "type_code" in unknown.value.fields
    with pytest.raises(PermissionDenied):
        issue(make_user("analyst"))
    with pytest.raises(ValidationError) as not_head:
        issue(worker_user, approver=worker_user)
    assert "approver" in not_head.value.fields
    needs = dataclasses.replace(TOY, code="toy.approved", needs_approval=True)
    document_types.register(needs.code, needs)
    try:
        with pytest.raises(ValidationError) as missing:
            document_issue(actor=worker_user, type_code=needs.code, subject_id=1, step_key="s")
        assert "approver" in missing.value.fields
        approved = document_issue(
            actor=worker_user, type_code=needs.code, subject_id=1, step_key="s", approver=head
        )
        assert approved.approver == head
    finally:
        document_types.unregister(needs.code)
    assert Document.objects.count() == 1


def test_correction_cancels_the_old_document_and_both_stay(toy_type, worker_user, head, tmp_path):
    old = issue(worker_user)
    new = document_correct(actor=head, document=old, reason="Погрешно стање играчке.")
    old.refresh_from_db()
    assert old.cancelled_by == new
    assert old.is_cancelled
    assert not new.is_cancelled
    assert (new.type_code, new.subject_type, new.subject_id) == (old.type_code, "toy", 5)
    assert new.number == old.number + 1
    assert new.step_key == f"correction:{old.pk}"
    assert cancel_reason(old) == "Погрешно стање играчке."
    assert "Погрешно" not in old.cancel_reason  # encrypted at rest
    # A second submission returns the same correction.
    assert document_correct(actor=head, document=old, reason="Поново исто.").pk == new.pk
    assert Document.objects.count() == 2
    assert [d.pk for d in documents_for_subject(actor=head, subject_type="toy", subject_id=5)] == [
        old.pk,
        new.pk,
    ]
    actions = {(e.action, e.object_id) for e in events(actor=head) if e.object_type == "document"}
    assert actions == {(Action.CREATE, str(new.pk)), (Action.TRANSITION, str(old.pk))}


def test_correction_refusals(toy_type, worker_user, head):
    old = issue(worker_user)
    with pytest.raises(PermissionDenied):
        document_correct(actor=worker_user, document=old, reason="Погрешно стање.")
    with pytest.raises(ValidationError) as short:
        document_correct(actor=head, document=old, reason="  ")
    assert "reason" in short.value.fields
    assert Document.objects.count() == 1


def test_database_refuses_a_second_number_and_a_cancel_without_reason(toy_type, worker_user):
    document = issue(worker_user)
    fields = {f.attname: getattr(document, f.attname) for f in Document._meta.concrete_fields}
    for unique in ("id", "storage_name"):
        fields.pop(unique)
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(**{**fields, "step_key": "other", "storage_name": "x" * 32})
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=document.pk).update(cancel_reason="sealed")


def test_template_versions(toy_type, head, worker_user, tmp_path):
    saved = template_save(actor=head, type_code=TOY.code, body="<p>Нова: {{ toy_name }}</p>")
    versions = list(DocumentTemplate.objects.filter(type_code=TOY.code).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert saved.version == 2
    assert versions[0].body == TOY.default_template
    document = issue(worker_user)
    assert document.template == saved
    assert "Нова: Дрвени коњић 5" in pdf_text(read(document.storage_name), tmp_path)
    assert template_save(actor=head, type_code=TOY.code, body="<p>3</p>").version == 3
    assert {e.action for e in events(actor=head)} == {Action.CREATE, Action.UPDATE}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>\n{% if toy_name %}\n<b>открио</b>\n", "Ред 2: ознака „if” је отворена"),
        ("<p>1</p>\n<p>{{ toy_name|nosuchfilter }}</p>", "Ред 2: не постоји филтер"),
        ("<p>\n\n{% include 'base.html' %}</p>", "Ред 3: шаблон документа не може да укључи"),
        ("<p>{% url 'nowhere' %}</p>", "Ред 1: шаблон документа не може да садржи везе"),
        ("<p>{% for x %}{% endfor %}</p>", "Ред 1: 'for' statements"),
        ("   ", "Упишите шаблон."),
    ],
)
def test_a_broken_template_is_refused_with_its_line(toy_type, head, body, expected):
    with pytest.raises(ValidationError) as refused:
        template_save(actor=head, type_code=TOY.code, body=body)
    assert expected in refused.value.fields["body"][0]
    assert not DocumentTemplate.objects.exists()


def test_only_the_head_of_service_edits_templates(toy_type, worker_user):
    with pytest.raises(PermissionDenied):
        template_save(actor=worker_user, type_code=TOY.code, body="<p>x</p>")


def test_without_the_capability_the_subject_shows_no_documents(toy_type, worker_user, make_user):
    issue(worker_user)
    analyst = make_user("analyst")
    assert documents_for_subject(actor=analyst, subject_type="toy", subject_id=5) == []
