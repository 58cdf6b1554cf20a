"""The general official note (службена белешка, form 6) written about a person of the
registry: a document its author writes, numbered in the register and stored."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.documents import DocumentType, document_types
from zastita.people.models import Person

OFFICIAL_NOTE = "people.official_note"

OFFICIAL_NOTE_TEMPLATE = """<h1>СЛУЖБЕНА БЕЛЕШКА</h1>
<p>Особа: {{ person_code }}</p>
<div class="text">{{ text|linebreaks }}</div>
<p class="sign">Белешку сачинио/ла: {{ author_name }}</p>
"""


def note_context(person_id: int) -> dict[str, Any]:
    # The person by code only: the note is the author's text, not the registry's data.
    return {"person_code": Person.objects.only("code").get(pk=person_id).code}


def note_sample() -> dict[str, Any]:
    return {"person_code": "L-ABCD-EFGH", "text": "Пример текста службене белешке."}


def _may_view(user: Any, person_id: int) -> bool:
    from zastita.core.errors import ApplicationError
    from zastita.people.selectors import person_get_for_actor

    try:
        person_get_for_actor(actor=user, person_id=person_id)
    except ApplicationError:
        return False
    return True


def register_types() -> None:
    document_types.register(OFFICIAL_NOTE, DocumentType(
        code=OFFICIAL_NOTE, label=_("Official note"), subject_type="person",
        subject_label=_("person"), context=note_context, sample_context=note_sample,
        default_template=OFFICIAL_NOTE_TEMPLATE, written_by_author=True, can_view=_may_view,
        edited_by_hand=True, docx_lines=("Особа: {{ person_code }}", "{{ text }}"),
    ))  # fmt: skip
