"""Document types: what a domain app tells the documents platform about the official
documents it issues on its subjects (registered in its `AppConfig.ready()`).

The platform numbers, renders, stores and serves a document; the owning app says what the
document is about (`context`, built from the subject's id), how it reads the first time
(`default_template`), and whether it leaves the Center (`addressed_outside`). A type that
goes to a third party must never say that the person is a victim of trafficking unless the
law requires it (`states_status_lawfully`): a test renders every such type to check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.functional import Promise

from zastita.core.registries import Registry

DEFAULT_REGISTER = "general"


def _no_sample() -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class DocumentType:
    """One kind of official document.

    `context(subject_id)` returns the template's variables for a real subject (plain values:
    strings, dates, numbers, lists of them); `sample_context()` returns the same keys with
    synthetic values, used to check an edited template and to test the type without data.
    The platform adds `registry_number`, `issued_on`, `author_name`, `approver_name` and
    `document_label` to both.
    """

    code: str
    label: str | Promise
    subject_type: str
    context: Callable[[int], dict[str, Any]]
    default_template: str
    register: str = DEFAULT_REGISTER
    addressed_outside: bool = False
    states_status_lawfully: bool = False
    needs_approval: bool = False
    sample_context: Callable[[], dict[str, Any]] = _no_sample
    # The kind of record the subject is, in words (the register's filter): "report".
    subject_label: str | Promise = ""
    # The owning app's need-to-know rule: may this user see this subject's records? A
    # document's page and PDF are refused (as not found) when it says no, and when a type
    # has none (closed by default; the start-up check names such a type).
    can_view: Callable[[Any, int], bool] | None = None
    # A document the author writes (the general official note, form 6): the platform's
    # page asks for this text, and the template shows it as `{{ text }}`.
    written_by_author: bool = False
    # A document the Center edits by hand before signing: when it is issued, a Word copy
    # (DOCX) is made from the type's DOCX template and stored beside the PDF/A. The first
    # DOCX template is a plain one with these lines (each may hold template tags) until the
    # head of service uploads their own.
    edited_by_hand: bool = False
    docx_lines: tuple[str, ...] = ()
    # For a document that carries an approved written form's text (`needs_approval`, not
    # `written_by_author`): what it carried, found again from the step that issued it
    # (`step_key`), so that a correction keeps the approved text. Without it such a
    # document cannot be corrected.
    written_again: Callable[[str], dict[str, Any]] | None = None
    # A document that asks for an answer (form 19, a request for a provider's account):
    # the answer is recorded on its page as an incoming document in the same register.
    expects_answer: bool = False


document_types = Registry[DocumentType]("document types")


def register_of(spec: DocumentType) -> str:
    """The register the type is numbered in. Which types share a register is configuration
    (`ZASTITA_DOCUMENT_REGISTERS`: type code -> register), defaulting to the type's own."""
    overrides: dict[str, str] = getattr(settings, "ZASTITA_DOCUMENT_REGISTERS", None) or {}
    return overrides.get(spec.code, spec.register)
