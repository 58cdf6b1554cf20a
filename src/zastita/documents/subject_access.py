"""The documents' section of the subject-access export: every official document about the
records the domain sections name as the person's (type, registry number, dates, whether it
was cancelled). The PDFs themselves are handed over from the register by the DPO."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zastita.core.registries.subject_access import SectionData
from zastita.documents.models import Document
from zastita.documents.selectors import type_label
from zastita.documents.services import summary_of


def documents_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    data = SectionData(
        labels={
            "type": _("Type of document"),
            "registry_number": _("Registry number"),
            "issued_at": _("Date of issue"),
            "cancelled": _("cancelled"),
            "answers": _("Answers received"),
        }
    )
    if not subjects:
        return data
    about = Q(pk__in=[])
    for subject_type, subject_id in subjects:
        about |= Q(subject_type=subject_type, subject_id=subject_id)
    documents = Document.objects.filter(about).prefetch_related("answers")
    for document in documents.order_by("issued_at", "pk"):
        # The answers to it (a provider's account), with what they say: about the person.
        answers = [
            {"registry_number": a.registry_number, "sender": a.sender,
             "received_on": a.received_on.isoformat(), "summary": summary_of(a)}
            for a in document.answers.all()
        ]  # fmt: skip
        data.rows.append(
            {
                "type": type_label(document.type_code),
                "registry_number": document.registry_number,
                "issued_at": document.issued_at.isoformat(),
                "cancelled": document.cancelled_by_id is not None,
                "answers": answers,
            }
        )
        data.audit_objects.append(("document", str(document.pk)))
        data.audit_objects += [("incoming_document", str(a.pk)) for a in document.answers.all()]
    return data
