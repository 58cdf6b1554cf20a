"""The report's two official documents (forms 1 and 2), issued on the documents platform: the
official note on a received report (службена белешка о примљеној пријави), issued when the
report is registered, and the decision on it (одлука о поднетој пријави), issued when it is
decided. Each is numbered in the register, rendered once and stored; a download serves the
stored bytes, so the "same" document never changes.

Neither says "victim of trafficking": the note stays in the Center's archive, and the
decision may travel to the competent body a report is forwarded to (a test walks every type
that leaves the Center).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zastita.core.registries.documents import DocumentType, document_types
from zastita.documents.public import document_issue
from zastita.intake import services
from zastita.intake.models import Report, ReportTransition, Status

NOTE = "intake.note"
DECISION = "intake.decision"
OFFICIAL_NOTE = "intake.official_note"
DECIDED = (Status.ACCEPTED, Status.FORWARDED, Status.REJECTED)

# The texts are the Center's, in Serbian; the head of service may edit them (a new version).
NOTE_TEMPLATE = """<h1>СЛУЖБЕНА БЕЛЕШКА О ПРИМЉЕНОЈ ПРИЈАВИ</h1>
<table>
  <tr><th>Број пријаве</th><td>{{ report_number }}</td></tr>
  <tr><th>Примљено</th><td>{{ received_at }} · {{ channel }}</td></tr>
  <tr><th>Пријавилац</th><td>{{ reporter }}</td></tr>
  <tr><th>Општина или град</th><td>{{ municipality }}</td></tr>
  <tr><th>Хитност</th><td>{{ urgency }}</td></tr>
  <tr><th>Облици искоришћавања на које се сумња</th><td>{{ exploitation|default:"—" }}</td></tr>
  <tr><th>Особе на које се пријава односи</th><td>{{ persons|join:"; " }}</td></tr>
  <tr><th>Шта се пријављује</th><td class="text">{{ narrative }}</td></tr>
  <tr><th>Заведено</th><td>{{ registered_at }}</td></tr>
</table>
<p class="sign">Белешку сачинио/ла: {{ recorded_by }}</p>
"""

DECISION_TEMPLATE = """<h1>ОДЛУКА О ПОДНЕТОЈ ПРИЈАВИ</h1>
<p>По пријави број {{ report_number }}, примљеној {{ received_on }}, Центар одлучује:</p>
<p><strong>{{ decision }}</strong>{% if forwarded_to %}: {{ forwarded_to }}{% endif %}</p>
{% if reason %}<p class="text">Образложење: {{ reason }}</p>{% endif %}
<p class="sign">{{ decided_by }}<br>{{ decided_at }}</p>
"""


# Form 6, the general official note, written by its author about the report.
OFFICIAL_NOTE_TEMPLATE = """<h1>СЛУЖБЕНА БЕЛЕШКА</h1>
<p>Поводом пријаве број {{ report_number }}</p>
<div class="text">{{ text|linebreaks }}</div>
<p class="sign">Белешку сачинио/ла: {{ author_name }}</p>
"""

# The first Word template of the decision, which the Center edits before it is signed.
DECISION_DOCX = (
    "По пријави број {{ report_number }}, примљеној {{ received_on }}, Центар одлучује:",
    "{{ decision }}{% if forwarded_to %}: {{ forwarded_to }}{% endif %}",
    "{% if reason %}Образложење: {{ reason }}{% endif %}",
)


def _when(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y. %H:%M") if moment else ""


def _transition(report: Report, statuses: tuple[str, ...]) -> ReportTransition | None:
    return (
        report.transitions.select_related("actor")
        .filter(to_status__in=statuses)
        .order_by("at", "pk")
        .first()
    )


def note_context(report_id: int) -> dict[str, Any]:
    report = Report.objects.select_related("reporter_organisation").get(pk=report_id)
    texts = {**services.report_texts(report), **services.report_places(report)}
    registered = _transition(report, (Status.REGISTERED,))
    reporter = str(report.get_reporter_kind_display())
    if report.reporter_organisation is not None:
        reporter += f": {report.reporter_organisation.name}"
    if texts["reporter"]:
        reporter += f": {texts['reporter']}"
    persons = [
        services.person_description(p) or (p.person.code if p.person else "")
        for p in report.persons.select_related("person", "report")
    ]
    return {
        "report_number": report.number,
        "received_at": _when(report.received_at),
        "channel": str(report.get_channel_display()),
        "reporter": reporter,
        "municipality": texts["municipality"],
        "urgency": str(report.get_urgency_display()),
        "exploitation": ", ".join(str(label) for label in report.exploitation_labels),
        "persons": persons,
        "narrative": texts["narrative"],
        "registered_at": _when(registered.at if registered else None),
        "recorded_by": registered.actor.full_name if registered and registered.actor else "",
    }


def decision_context(report_id: int) -> dict[str, Any]:
    report = Report.objects.get(pk=report_id)
    decided = _transition(report, DECIDED)
    return {
        "report_number": report.number,
        "received_on": timezone.localtime(report.received_at).strftime("%d.%m.%Y."),
        "decision": str(decided.get_to_status_display()) if decided else "",
        "forwarded_to": services.report_places(report)["forwarded_to"],
        "reason": services.transition_reason(decided) if decided else "",
        "decided_by": decided.actor.full_name if decided and decided.actor else "",
        "decided_at": _when(decided.at if decided else None),
    }


def official_note_context(report_id: int) -> dict[str, Any]:
    return {"report_number": Report.objects.only("year", "sequence").get(pk=report_id).number}


def official_note_sample() -> dict[str, Any]:
    return {"report_number": "0001/2026", "text": "Пример текста службене белешке."}


def note_sample() -> dict[str, Any]:
    return {
        "report_number": "0001/2026", "received_at": "01.02.2026. 10:15", "channel": "телефон",
        "reporter": "грађанин", "municipality": "Нови Сад", "urgency": "редовна",
        "exploitation": "радна", "persons": ["жена, око 30 година"],
        "narrative": "Пример текста пријаве.", "registered_at": "01.02.2026. 10:20",
        "recorded_by": "Пример Радника",
    }  # fmt: skip


def decision_sample() -> dict[str, Any]:
    return {
        "report_number": "0001/2026", "received_on": "01.02.2026.",
        "decision": "прослеђена надлежном органу", "forwarded_to": "Центар за социјални рад",
        "reason": "Пример образложења одлуке.", "decided_by": "Пример Руководиоца",
        "decided_at": "01.02.2026. 12:00",
    }  # fmt: skip


def _may_view(user: Any, report_id: int) -> bool:
    from zastita.core.errors import ApplicationError
    from zastita.intake.selectors import report_get_for_actor

    try:
        report_get_for_actor(actor=user, report_id=report_id)
    except ApplicationError:
        return False
    return True


def register_types() -> None:
    document_types.register(NOTE, DocumentType(
        code=NOTE, label=_("Official note on a received report"), subject_type="report",
        subject_label=_("report"), context=note_context, sample_context=note_sample,
        default_template=NOTE_TEMPLATE, addressed_outside=False, can_view=_may_view,
    ))  # fmt: skip
    document_types.register(DECISION, DocumentType(
        code=DECISION, label=_("Decision on the report"), subject_type="report",
        subject_label=_("report"), context=decision_context, sample_context=decision_sample,
        default_template=DECISION_TEMPLATE, addressed_outside=True, can_view=_may_view,
        edited_by_hand=True, docx_lines=DECISION_DOCX,
    ))  # fmt: skip
    document_types.register(OFFICIAL_NOTE, DocumentType(
        code=OFFICIAL_NOTE, label=_("Official note"), subject_type="report",
        subject_label=_("report"), context=official_note_context,
        sample_context=official_note_sample, default_template=OFFICIAL_NOTE_TEMPLATE,
        written_by_author=True, can_view=_may_view, edited_by_hand=True,
        docx_lines=("Поводом пријаве број {{ report_number }}", "{{ text }}"),
    ))  # fmt: skip


def step_key(report: Report, type_code: str) -> str:
    return f"report:{report.pk}:{'registered' if type_code == NOTE else 'decided'}"


def issue_for_step(*, actor: Any, report: Report, to: str) -> None:
    """Inside the step's transaction: registering issues the note, deciding the decision."""
    if to == Status.REGISTERED:
        document_issue(actor=actor, type_code=NOTE, subject_id=report.pk,
                       step_key=step_key(report, NOTE))  # fmt: skip
    elif to in DECIDED:
        document_issue(actor=actor, type_code=DECISION, subject_id=report.pk,
                       step_key=step_key(report, DECISION))  # fmt: skip


def reissue_for_existing_reports() -> int:
    """The notes and decisions of reports registered or decided before they were issued as
    documents (a data migration): each dated when its step happened and marked as issued
    later, its author the worker who took the step. Returns how many were issued."""
    from zastita.documents.public import document_reissue

    issued = 0
    reports = Report.objects.exclude(status=Status.RECEIVED).order_by("received_at", "pk")
    for report in reports:
        for type_code, statuses in ((NOTE, (Status.REGISTERED,)), (DECISION, DECIDED)):
            step = _transition(report, statuses)
            if step is None or step.actor is None:
                continue
            document_reissue(
                author=step.actor, type_code=type_code, subject_id=report.pk,
                step_key=step_key(report, type_code), issued_at=step.at,
            )  # fmt: skip
            issued += 1
    return issued
