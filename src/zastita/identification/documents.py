"""The written forms of an identification (forms 3, 4 and 5, and the needs and state
assessment) are issued as official documents when the head of service approves them: the
approved version's text, section by section, numbered in the register and stored; the
written form's author is the document's author, the approver its approver."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.documents import DocumentType, document_types
from zastita.documents.public import document_issue
from zastita.identification.models import FormKind, Identification
from zastita.writtenforms.public import Approved, WrittenForm, issued_text, issued_text_again

# Each form's text is the author's; the sections' names are the spec's in use.
FORM_TEMPLATE = """<h1>{{ heading }}</h1>
<p>Особа: {{ person_code }}</p>
{% for label, text in sections %}<h2>{{ label }}</h2>
<div class="text">{{ text|linebreaks }}</div>
{% endfor %}"""


def type_code(kind: str) -> str:
    return f"identification.{kind}"


def _context(identification_id: int) -> dict[str, Any]:
    identification = Identification.objects.select_related("person").get(pk=identification_id)
    return {"person_code": identification.person.code}


def _sample() -> dict[str, Any]:
    return {
        "person_code": "L-ABCD-EFGH", "heading": "ПРОЦЕНА",
        "sections": [("Извори информација", "Пример текста одељка.")],
    }  # fmt: skip


def _may_view(user: Any, identification_id: int) -> bool:
    from zastita.core.errors import ApplicationError
    from zastita.identification.selectors import identification_get_for_actor

    try:
        identification_get_for_actor(actor=user, identification_id=identification_id)
    except ApplicationError:
        return False
    return True


def register_types() -> None:
    # They stay in the Center's file; a court or prosecutor gets what the law asks, by letter.
    for kind in FormKind:
        document_types.register(type_code(kind), DocumentType(
            code=type_code(kind), label=kind.label, subject_type="identification",
            subject_label=_("identification"), context=_context, sample_context=_sample,
            default_template=FORM_TEMPLATE, needs_approval=True, can_view=_may_view,
            written_again=issued_text_again,
        ))  # fmt: skip


def issue_approved(approved: Approved) -> None:
    """The on-approved callback: inside the approval's transaction, the approved version is
    issued (once per version: a repeated call returns the first document)."""
    if approved.subject_type != "identification" or approved.code not in FormKind.values:
        return
    from django.contrib.auth import get_user_model

    form = WrittenForm.objects.get(pk=approved.form_id)
    version = form.versions.select_related("saved_by").get(number=approved.version)
    approver = get_user_model().objects.get(pk=approved.approver_id)
    # The approver issues it; the form's author, who may have left since, is its author.
    document_issue(
        actor=approver, author=version.saved_by, type_code=type_code(approved.code),
        subject_id=approved.subject_id, step_key=f"written_form:{form.pk}:v{approved.version}",
        approver=approver, written=issued_text(form.pk, version.number),
    )  # fmt: skip
