"""Writes for official documents: issue and correct.

Issuing takes the register's next number, renders the type's current template with the
subject's context to PDF/A (and, for a document edited by hand, its Word copy from the
type's DOCX template), stores them encrypted and writes the row, all in one transaction:
if anything fails, there is no row, the number goes back to the register (the sequence's
row lock is released by the rollback) and the stored file is removed. The same step of the
owning app issues once: a second call returns the first document.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_lock, audit_record
from zastita.core import crypto, files
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.registries.documents import DocumentType, register_of
from zastita.core.sequences import sequence_next
from zastita.documents import docx, rendering
from zastita.documents.models import Document, EditableCopy, TemplateKind
from zastita.documents.services.templates import (
    current_template,
    document_type,
    docx_render,
    platform_context,
    problem,
    refuse_status,
)


def _seal(text: str, document_id: int) -> str:
    return crypto.seal(text, "document", document_id, "cancel_reason")


def cancel_reason(document: Document) -> str:
    """The decrypted reason a document was cancelled ("" if it is not)."""
    return crypto.unseal(document.cancel_reason, "document", document.pk, "cancel_reason")


def _issued(type_code: str, step_key: str) -> Document | None:
    return Document.objects.filter(type_code=type_code, step_key=step_key).first()


def _check_issue(
    actor: User, spec: DocumentType, subject_id: int, step_key: str, approver: User | None
) -> None:
    if not actor.has_perm("documents.issue"):
        raise PermissionDenied(object_type="document")
    if not step_key or len(step_key) > 120:
        raise ValidationError(fields={"step_key": [_("The step is not named.")]})
    if subject_id < 1:
        raise ValidationError(fields={"subject_id": [_("The subject is not known.")]})
    if spec.needs_approval and approver is None:
        raise ValidationError(
            fields={"approver": [_("This document needs the head of service's approval.")]}
        )
    if approver is not None and not approver.has_perm("documents.approve"):
        raise ValidationError(fields={"approver": [_("Only the head of service approves.")]})


def _same_step(existing: Document, spec: DocumentType, subject_id: int) -> Document:
    if existing.subject_type != spec.subject_type or existing.subject_id != subject_id:
        raise Conflict(_("This step has already issued a document about another subject."))
    return existing


def _issue_row(
    *, actor: User, spec: DocumentType, subject_id: int, step_key: str, approver: User | None,
    issued_at: datetime.datetime, reissued: bool, stored_names: list[str],
    written: dict[str, Any] | None = None,
) -> Document:  # fmt: skip
    """Numbers, renders, stores and saves one document. Runs inside the caller's
    transaction; every file it stores is named in `stored_names`, for the caller to discard
    if the transaction does not commit."""
    register = register_of(spec)
    year = timezone.localtime(issued_at).year
    # The audit chain before the register's number: every path takes them in this order.
    audit_lock()
    number = sequence_next(register=register, year=year)
    template = current_template(spec, actor)
    context = {
        **spec.context(subject_id),
        # What the author wrote for this document (form 6's text, an approved form's
        # sections): in the PDF only, which is stored encrypted.
        **(written or {}),
        **platform_context(
            spec=spec, registry_number=f"{number:04d}/{year}", issued_at=issued_at,
            author=actor, approver=approver,
        ),
    }  # fmt: skip
    # A document issued later for an earlier step says so, and when it was made.
    frame = {"reissued": reissued, "made_on": timezone.localdate()}
    try:
        html = rendering.document_html(template.body, context, frame=frame)
    except rendering.TemplateProblem as exc:
        raise problem(exc, field="template") from None
    # What the author wrote is where the status would be said: the message goes to it.
    refuse_status(spec, html, "text" if spec.written_by_author else "template")
    stored = files.store("document.pdf", rendering.to_pdf(html))
    stored_names.append(stored.storage_name)
    document = Document.objects.create(
        register=register, year=year, number=number, type_code=spec.code,
        subject_type=spec.subject_type, subject_id=subject_id, step_key=step_key,
        issued_at=issued_at, author=actor, approver=approver, template=template,
        reissued=reissued, **stored.row_fields(),
    )  # fmt: skip
    # A document issued later for an earlier step was signed, or not, long ago: it gets no
    # copy to edit (and the data migration that issues them needs no table of copies).
    if spec.edited_by_hand and not reissued:
        _editable_copy(actor, spec, document, context, stored_names)
    audit_record(action=Action.CREATE, actor=actor, object_type="document",
                 object_id=document.pk, purpose=Purpose.CASE_WORK)  # fmt: skip
    return document


def _editable_copy(
    actor: User, spec: DocumentType, document: Document, context: dict[str, Any],
    stored_names: list[str],
) -> None:  # fmt: skip
    """The Word copy of a document edited by hand, made now from the type's DOCX template
    with the same values as the PDF, and stored: it is never made again."""
    template = current_template(spec, actor, TemplateKind.DOCX)
    data = docx_render(spec, bytes(template.docx), context, "template")
    stored = files.store_made(data, docx.CONTENT_TYPE)
    stored_names.append(stored.storage_name)
    EditableCopy.objects.create(document=document, template=template, **stored.row_fields())


def _discard(stored_names: list[str]) -> None:
    for name in stored_names:
        files.discard(name)


def document_issue(
    *, actor: User, type_code: str, subject_id: int, step_key: str,
    approver: User | None = None, issued_at: datetime.datetime | None = None,
    reissued: bool = False, written: dict[str, Any] | None = None, author: User | None = None,
) -> Document:  # fmt: skip
    """Issues the document of `type_code` about the subject, for the owning app's step
    `step_key` (e.g. "report:12:registered"); the same step returns the first document.

    The owning app checks that the actor may take the step; the platform asks only that
    the author works with case data, and that a type needing approval has an approver who
    is a head of service. May run inside the caller's transaction (then a rollback of the
    caller's leaves a stored file without a row, which the worker's sweep removes).

    `author`, when given, is who wrote what the document carries (a written form's author,
    who may have left the Center since): the actor issuing it is the one checked.
    """
    spec = document_type(type_code)
    _check_issue(actor, spec, subject_id, step_key, approver)
    existing = _issued(type_code, step_key)
    if existing is not None:
        return _same_step(existing, spec, subject_id)
    stored_names: list[str] = []
    try:
        with transaction.atomic():
            return _issue_row(
                actor=author or actor, spec=spec, subject_id=subject_id, step_key=step_key,
                approver=approver, issued_at=issued_at or timezone.now(), reissued=reissued,
                stored_names=stored_names, written=written,
            )  # fmt: skip
    except IntegrityError:
        # Issued meanwhile for the same step by another request (it waited for the number).
        _discard(stored_names)
        existing = _issued(type_code, step_key)
        if existing is None:
            raise
        return _same_step(existing, spec, subject_id)
    except BaseException:
        _discard(stored_names)
        raise


def document_reissue(
    *, author: User, type_code: str, subject_id: int, step_key: str, issued_at: datetime.datetime
) -> Document:
    """Issues, now, the document of a step taken before documents were issued (a data
    migration's work): dated when the step happened, marked as issued later, with the person
    who took the step as its author whatever their roles are today. The same step returns
    the first document."""
    spec = document_type(type_code)
    existing = _issued(type_code, step_key)
    if existing is not None:
        return _same_step(existing, spec, subject_id)
    stored_names: list[str] = []
    try:
        with transaction.atomic():
            return _issue_row(
                actor=author, spec=spec, subject_id=subject_id, step_key=step_key,
                approver=None, issued_at=issued_at, reissued=True, stored_names=stored_names,
            )  # fmt: skip
    except BaseException:
        _discard(stored_names)
        raise


def correctable(spec: DocumentType) -> bool:
    """A document made from its subject's records, or written by its author, is corrected
    here; one that carries an approved written form's text is corrected only when its type
    can find that text again (`written_again`), so that the correction keeps it."""
    return spec.written_by_author or not spec.needs_approval or spec.written_again is not None


def _first_step(document: Document) -> str:
    """The step that issued the document a chain of corrections started from."""
    while document.step_key.startswith("correction:"):
        document = Document.objects.get(pk=int(document.step_key.split(":", 1)[1]))
    return document.step_key


def document_correct(
    *, actor: User, document: Document, reason: str, written: dict[str, Any] | None = None
) -> Document:
    """Issues a new document of the same type about the same subject, which cancels
    `document`; both stay in the register. The reason is stored encrypted. A document its
    author writes (form 6) is corrected with its new text (`written`). A document already
    cancelled returns its correction (a repeated submission)."""
    if not actor.has_perm("documents.correct"):
        raise PermissionDenied(object_type="document", object_id=str(document.pk))
    reason = reason.strip()
    if len(reason) < 5:
        raise ValidationError(fields={"reason": [_("Say why the document is corrected.")]})
    spec = document_type(document.type_code)
    if not correctable(spec):
        raise ValidationError(fields={"reason": [_(
            "This document is the approved text of a written form; it cannot be corrected "
            "here."
        )]})  # fmt: skip
    if spec.written_by_author and not (written or {}).get("text", "").strip():
        raise ValidationError(fields={"text": [_("Write the corrected text.")]})
    stored_names: list[str] = []
    try:
        with transaction.atomic():
            old = Document.objects.select_for_update().get(pk=document.pk)
            if old.cancelled_by_id is not None:
                return Document.objects.get(pk=old.cancelled_by_id)
            author, approver = actor, (actor if spec.needs_approval or old.approver_id else None)
            if not spec.written_by_author and spec.written_again is not None:
                # The approved text again, under the names of who wrote and approved it;
                # the audit event says who issued the correction.
                written = spec.written_again(_first_step(old))
                author, approver = old.author, old.approver
            elif not spec.written_by_author:
                written = None
            new = _issue_row(
                actor=author, spec=spec, subject_id=old.subject_id,
                step_key=f"correction:{old.pk}", approver=approver, issued_at=timezone.now(),
                reissued=False, stored_names=stored_names, written=written,
            )  # fmt: skip
            old.cancelled_by = new
            old.cancel_reason = _seal(reason, old.pk)
            old.save(update_fields=["cancelled_by", "cancel_reason", "updated_at"])
            audit_record(action=Action.TRANSITION, actor=actor, object_type="document",
                         object_id=old.pk, purpose=Purpose.CASE_WORK)  # fmt: skip
            return new
    except BaseException:
        _discard(stored_names)
        raise
