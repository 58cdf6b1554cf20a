"""The report's two official documents, as PDF/A: the official note on a received report
(службена белешка о примљеној пријави) and the decision on it (одлука о поднетој пријави).

Neither says "victim of trafficking": they go into the Center's archive and may travel to
the competent body a report is forwarded to.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from zastita.intake import services
from zastita.intake.models import Report, Status

DECIDED = (Status.ACCEPTED, Status.FORWARDED, Status.REJECTED, Status.IDENTIFICATION,
           Status.CLOSED)  # fmt: skip


def render_document(report: Report, document: str) -> bytes | None:
    """The PDF, or None when the report has not reached the step that produces it."""
    from weasyprint import HTML

    transitions = list(report.transitions.select_related("actor", "report"))
    registered = next((t for t in transitions if t.to_status == Status.REGISTERED), None)
    decision = next(
        (t for t in transitions if t.to_status in (Status.ACCEPTED, Status.FORWARDED,
                                                     Status.REJECTED)), None
    )  # fmt: skip
    if document == "note" and registered is None:
        return None
    if document == "decision" and decision is None:
        return None
    if document not in ("note", "decision"):
        return None
    context = {
        "report": report, "document": document,
        "texts": {**services.report_texts(report), **services.report_places(report)},
        "registered": registered, "decision": decision,
        "decision_reason": services.transition_reason(decision) if decision else "",
        "persons": [services.person_description(p) or (p.person.code if p.person else "")
                    for p in report.persons.select_related("person", "report")],
        "printed_at": timezone.localtime(),
    }  # fmt: skip
    html = render_to_string("intake/document.html", context)
    return HTML(string=html).write_pdf(pdf_variant="pdf/a-3b")
