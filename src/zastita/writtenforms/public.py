"""What the domain apps use of written forms: register a spec (core.registries.writtenforms),
a subject's form, save, approve or return, the text of the approved version, and the
callbacks told of an approval (so that documents can later issue the approved version)."""

from __future__ import annotations

from zastita.core.registries.writtenforms import (
    Approved,
    FormSpec,
    Section,
    Subject,
    form_specs,
    on_approved,
    register,
)
from zastita.writtenforms import views
from zastita.writtenforms.models import FormReview, FormStatus, FormVersion, WrittenForm
from zastita.writtenforms.selectors import (
    approved_counts,
    approved_text,
    form_for_subject,
    forms_of,
    history,
    issued_text,
    issued_text_again,
    latest_version,
    review_comments,
    spec_at,
    spec_in_use,
    version_text,
)
from zastita.writtenforms.services import (
    form_approve,
    form_return,
    form_save,
    form_save_within,
)
from zastita.writtenforms.specs import render as spec_yaml

__all__ = [
    "Approved",
    "FormReview",
    "FormSpec",
    "FormStatus",
    "FormVersion",
    "Section",
    "Subject",
    "WrittenForm",
    "approved_counts",
    "approved_text",
    "form_approve",
    "form_for_subject",
    "form_return",
    "form_save",
    "form_save_within",
    "form_specs",
    "forms_of",
    "history",
    "issued_text",
    "issued_text_again",
    "latest_version",
    "on_approved",
    "register",
    "review_comments",
    "spec_at",
    "spec_in_use",
    "spec_yaml",
    "version_text",
    "views",
]
