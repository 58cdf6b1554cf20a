"""What the domain apps use of the documents platform: register a `DocumentType` (in
`zastita.core.registries.documents`) in `AppConfig.ready()`, issue and list documents about
their subjects, and include `documents/_subject_documents.html` on the subject's page with
`documents` set to `documents_for_subject(...)`."""

from __future__ import annotations

from zastita.core.registries.documents import DocumentType, document_types
from zastita.documents.selectors import (
    document_for_step,
    document_pdf,
    documents_for_subject,
    documents_for_subjects,
    last_issued_at,
    type_label,
)
from zastita.documents.services import (
    document_correct,
    document_issue,
    document_reissue,
    sample_html,
)

__all__ = [
    "DocumentType",
    "document_correct",
    "document_for_step",
    "document_issue",
    "document_pdf",
    "document_reissue",
    "document_types",
    "documents_for_subject",
    "documents_for_subjects",
    "last_issued_at",
    "sample_html",
    "type_label",
]
