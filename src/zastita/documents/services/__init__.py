"""Writes for official documents: issuing and correcting (`issuing`), and the templates
they are made from (`templates`)."""

from zastita.documents.services.incoming import incoming_record, summary_of
from zastita.documents.services.issuing import (
    cancel_reason,
    correctable,
    document_correct,
    document_issue,
    document_reissue,
)
from zastita.documents.services.templates import (
    PLATFORM_KEYS,
    SAMPLE_NUMBER,
    document_type,
    docx_template_bytes,
    docx_template_save,
    platform_context,
    sample_html,
    template_save,
)

__all__ = [
    "PLATFORM_KEYS",
    "SAMPLE_NUMBER",
    "cancel_reason",
    "correctable",
    "document_correct",
    "document_issue",
    "document_reissue",
    "document_type",
    "docx_template_bytes",
    "docx_template_save",
    "incoming_record",
    "platform_context",
    "sample_html",
    "summary_of",
    "template_save",
]
