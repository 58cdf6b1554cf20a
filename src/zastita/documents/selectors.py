"""Reads for official documents, scoped to the actor: a missing and a forbidden document
raise the same NotFound. The register shows numbers, types, dates and statuses only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet

from zastita.accounts.models import User
from zastita.core import files
from zastita.core.errors import NotFound, PermissionDenied, known_code
from zastita.core.paging import Page, Pager, first_page
from zastita.core.registries.documents import document_types
from zastita.core.selectors import get_for_actor
from zastita.core.sequences import number_parse
from zastita.documents import rendering
from zastita.documents.models import Document, DocumentTemplate, EditableCopy, IncomingDocument


def type_label(type_code: str) -> str:
    """The type's name; a type no longer registered shows its code."""
    spec = document_types.find(type_code)
    return str(spec.label) if spec is not None else type_code


def _labelled(documents: Iterable[Document]) -> list[Document]:
    rows = list(documents)
    for row in rows:
        row.type_label = type_label(row.type_code)  # type: ignore[attr-defined]
    return rows


def _documents() -> QuerySet[Document]:
    return Document.objects.select_related("cancelled_by")


def document_get_for_actor(*, actor: User, document_id: int) -> Document:
    return get_for_actor(
        _documents().select_related("author", "approver", "template", "corrects"),
        document_id, actor=actor, perm="documents.view_document", object_type="document",
    )  # fmt: skip


REGISTER_PAGE_SIZE = 50
REGISTER_ORDER = ("-year", "-issued_at", "-pk")


def _register(
    *, actor: User, type_code: str = "", year: int | None = None, number: int | None = None,
    subject_type: str = "",
) -> QuerySet[Document]:  # fmt: skip
    if not actor.has_perm("documents.view"):
        raise PermissionDenied(object_type="document_register")
    qs = _documents()
    if type_code:
        qs = qs.filter(type_code=type_code)
    if year is not None:
        qs = qs.filter(year=year)
    if number is not None:
        qs = qs.filter(number=number)
    if subject_type:
        qs = qs.filter(subject_type=subject_type)
    return qs


def document_register(
    *, actor: User, type_code: str = "", year: int | None = None, number: int | None = None,
    subject_type: str = "", pager: Pager | None = None,
) -> Page[Document]:  # fmt: skip
    """The register (деловодник), one page newest first, filtered (a cursor pages back)."""
    qs = _register(actor=actor, type_code=type_code, year=year, number=number,
                   subject_type=subject_type)  # fmt: skip
    page = (pager or first_page(REGISTER_PAGE_SIZE))(qs, REGISTER_ORDER)
    page.rows = _labelled(page.rows)
    return page


def parse_registry_number(text: str) -> tuple[int, int] | None:
    """ "7/2026", "0007/2026" or "0007/2026." -> (7, 2026); anything else -> None."""
    return number_parse(text)


def document_search(*, actor: User, number: int, year: int) -> list[Document]:
    """Documents with this registry number and year (one per register)."""
    qs = _register(actor=actor, number=number, year=year)
    return _labelled(qs.order_by(*REGISTER_ORDER)[:200])


INCOMING_ORDER = ("-year", "-received_on", "-pk")


def _incoming(actor: User) -> QuerySet[IncomingDocument]:
    if not actor.has_perm("documents.view"):
        raise PermissionDenied(object_type="document_register")
    return IncomingDocument.objects.select_related("reply_to")


def incoming_register(*, actor: User, pager: Pager | None = None) -> Page[IncomingDocument]:
    """The documents received (answers to the Center's requests), newest first: numbers,
    dates and the request each answers; no sender and nothing of what they say."""
    return (pager or first_page(REGISTER_PAGE_SIZE))(_incoming(actor), INCOMING_ORDER)


def incoming_search(*, actor: User, number: int, year: int) -> list[IncomingDocument]:
    """Documents received with this registry number and year (one per register)."""
    return list(_incoming(actor).filter(number=number, year=year).order_by(*INCOMING_ORDER))


def documents_for_subject(*, actor: User, subject_type: str, subject_id: int) -> list[Document]:
    """The documents about one subject, oldest first, for the owning app's page (which has
    already checked the actor's access to the subject). Empty for who may not see
    documents."""
    if not actor.has_perm("documents.view"):
        return []
    rows = Document.objects.filter(subject_type=subject_type, subject_id=subject_id)
    rows = rows.prefetch_related("answers")
    return _labelled(
        row for row in rows.order_by("issued_at", "pk")
        if actor.has_perm("documents.view_document", row)
    )  # fmt: skip


def documents_for_subjects(*, actor: User, subjects: Iterable[tuple[str, int]]) -> list[Document]:
    """The documents about several subjects of one record (a case, its plans, reviews and
    services), oldest first, in one query; the caller has checked access to the record."""
    from django.db.models import Q

    if not actor.has_perm("documents.view"):
        return []
    by_type: dict[str, list[int]] = {}
    for subject_type, subject_id in subjects:
        by_type.setdefault(subject_type, []).append(subject_id)
    if not by_type:
        return []
    query = Q()
    for subject_type, ids in by_type.items():
        query |= Q(subject_type=subject_type, subject_id__in=ids)
    # One record's documents are few: sorted here, which costs less than the ORM's ordering.
    rows = Document.objects.filter(query).prefetch_related("answers").order_by()
    return _labelled(
        row for row in sorted(rows, key=lambda d: (d.issued_at, d.pk))
        if actor.has_perm("documents.view_document", row)
    )  # fmt: skip


def document_for_step(*, type_code: str, step_key: str) -> Document | None:
    """The document issued for an owning app's step (the caller has checked access to the
    subject); a cancelled one still, since its correction is a document of its own."""
    return (
        _documents()
        .filter(type_code=type_code, step_key=step_key)
        .select_related("cancelled_by")
        .first()
    )


def last_issued_at(*, type_code: str, subject_type: str, subject_id: int) -> datetime | None:
    """When the last document of a type about a subject was issued (a periodic form starts
    its period there); None before the first."""
    return (
        Document.objects.filter(type_code=type_code, subject_type=subject_type,
                                subject_id=subject_id)
        .order_by("-issued_at").values_list("issued_at", flat=True).first()
    )  # fmt: skip


def document_pdf(*, document: Document) -> bytes:
    """The stored PDF exactly as issued; a cancelled document with the stamp laid over every
    page (the stored file itself is never changed or rendered again)."""
    data = files.read(document.storage_name)
    if document.cancelled_by is None:
        return data
    return rendering.stamp_cancelled(data, correction_number=document.cancelled_by.registry_number)


def editable_copy(*, document: Document) -> EditableCopy | None:
    """The Word copy of a document edited by hand, if it has one."""
    return EditableCopy.objects.filter(document=document).select_related("template").first()


def template_versions(*, actor: User, type_code: str) -> list[DocumentTemplate]:
    """A type's template versions, newest first. An unknown type is not found."""
    if not actor.has_perm("documents.manage_templates"):
        raise PermissionDenied(
            object_type="document_template", object_id=known_code(type_code, document_types)
        )
    if type_code not in document_types:
        raise NotFound(
            denied=True,
            object_type="document_template",
            object_id=known_code(type_code, document_types),
        )
    return list(
        DocumentTemplate.objects.filter(type_code=type_code)
        .select_related("author")
        .order_by("kind", "-version")
    )


def answers_of(document: Document) -> list[tuple[IncomingDocument, str]]:
    """The answers recorded to a document, oldest first, each with what it says (the caller
    has read the document)."""
    from zastita.documents.services import summary_of

    return [(a, summary_of(a)) for a in document.answers.select_related("received_by")
            .order_by("received_on", "pk")]  # fmt: skip
