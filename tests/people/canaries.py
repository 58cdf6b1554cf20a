"""Canary values written through the services into every free-text field that is stored
encrypted, and the fields each one is for. tests/people/test_canary.py writes them into a
real database and searches its raw bytes; tests/core/test_plaintext_fields.py requires
every text field of every model to be either here or on its allow-list of codes."""

from __future__ import annotations

import datetime
from typing import Any

BIRTH = datetime.date(1991, 4, 12)

# One unique value per identity field, in both scripts where names are written. The jmbg is
# filled in by the caller (it is computed from the date of birth).
IDENTITY: dict[str, Any] = {
    "first_name": "Канаринацпрви",
    "last_name": "Kanarinacdrugi",
    "parent_name": "Канаринацродитељ",
    "maiden_name": "Kanarinacdevojacko",
    "aliases": ["Канаринацнадимак"],
    "place_of_birth": "Kanarinacmesto",
    "addresses": ["Канаринац улица 77"],
    "phones": ["+381607770123"],
    "emails": ["kanarinac.posta@example.org"],
    "documents": [
        {
            "type": "passport",
            "number": "KNR9911223",
            "issuer": "Kanarinacizdavac",
            "holder": "other_person",  # a code: the type and holder are choices
        }
    ],
    "notes": "Канаринац белешка о особи",
}

# Free text of reports, identifications and reveals: field -> its canary.
TEXTS: dict[str, str] = {
    "people.IdentityReveal.reason": "Канаринацразлог откривања имена",
    "intake.Report.reporter_identity": "Канаринацпријавилац 064 111 2233",
    "intake.Report.narrative": "Канаринацприча о ономе што се догађа",
    "intake.Report.municipality_other": "Засеок Канаринацместо",
    "intake.Report.forwarded_to": "Канаринацнадлежни орган",
    "intake.ReportPerson.description": "Канаринацопис девојчице",
    "intake.ReportTransition.reason": "Канаринацразлог обуставе",
    "identification.Interview.place": "Канаринацместо разговора",
    "identification.Interview.participants": "Канаринацучесници",
    "identification.Interview.notes": "Канаринацбелешке разговора",
    "identification.Decision.municipality_other": "Засеок Канаринацексплоатација",
    "identification.Decision.panel_professions": "Канаринацпрофесија",
    "identification.Decision.reasons": "Канаринацобразложење одлуке о статусу",
    "writtenforms.FormVersion.sections": "Канаринацпроцена потреба",
    "identification.Proceeding.authority": "Канаринацтужилаштво",
    "identification.Proceeding.reference": "КТ Канаринац 77/26",
    "documents.Document.cancel_reason": "Канаринацразлог исправке документа",
    "documents.IncomingDocument.summary": "Канаринацизвештај адвоката",
    "assignments.GlassAccess.explanation": "Канаринацразлог хитног увида",
    "cases.Case.opening_reason": "Канаринацразлог отварања случаја",
    "cases.CaseTransition.reason": "Канаринацразлог затварања случаја",
    "cases.Goal.text": "Канаринацциљ плана",
    "cases.Task.text": "Канаринацзадатак плана",
    "cases.Task.end_reason": "Канаринацзадатак обављен",
    "cases.Engagement.outcome": "Канаринацисход услуге",
    "cases.MonitoringContact.notes": "Канаринацбелешка кућне посете",
    "cases.Review.assessment": "Канаринацпроцена поновног прегледа",
    "cases.Engagement.decision_reasons": "Канаринацразлози одлуке о услузи",
    # The identification's proceeding moves to the case; then it goes to court.
    "cases.CaseProceeding.authority": "Канаринацвиши суд",
    "cases.CaseProceeding.reference": "К Канаринац 12/26",
    "cases.ProceedingChange.note": "Канаринацоптужница потврђена",
    # Each state of it keeps its authority and number (the last one: the court's).
    "cases.ProceedingChange.authority": "Канаринацвиши суд",
    "cases.ProceedingChange.reference": "К Канаринац 12/26",
}
# The identity's fields are all in this one ciphertext column.
IDENTITY_FIELD = "people.Person.identity"


def write(identity_extra: dict[str, Any]) -> dict[str, Any]:
    """Writes every canary through the services, as a worker would; returns the person's code
    and, per canary field, how many rows hold a value (so a canary that wrote nothing shows)."""
    from django.apps import apps
    from django.utils import timezone

    from zastita.accounts.models import Role, User
    from zastita.identification import services as identification
    from zastita.intake.models import Status
    from zastita.intake.services import PersonInput, ReportInput, report_create
    from zastita.intake.services import report_transition as step
    from zastita.people.identity import Document, Identity
    from zastita.people.services import person_create, person_reveal

    actor = User.objects.create(username="canary.actor", full_name="actor")
    actor.roles.set([Role.objects.get(code="worker")])
    data = {**IDENTITY, **identity_extra}
    data["documents"] = [Document(**d) for d in data["documents"]]
    person = person_create(actor=actor, identity=Identity(birth_date=BIRTH, **data))
    person_reveal(actor=actor, person=person, reason=TEXTS["people.IdentityReveal.reason"])

    def report(**fields: Any) -> Any:
        base = ReportInput(
            channel="phone", received_at=timezone.now(), reporter_kind="private",
            reporter_identity=TEXTS["intake.Report.reporter_identity"],
            municipality=TEXTS["intake.Report.municipality_other"], urgency="ordinary",
            narrative=TEXTS["intake.Report.narrative"],
            persons=[PersonInput(person_id=person.pk, is_child=False),
                     PersonInput(description=TEXTS["intake.ReportPerson.description"])],
        )  # fmt: skip
        for name, value in fields.items():
            setattr(base, name, value)
        return report_create(actor=actor, data=base)

    accepted = step(actor=actor, report=report(), to=Status.REGISTERED)
    accepted = step(actor=actor, report=accepted, to=Status.ACCEPTED)
    forwarded = step(actor=actor, report=report(), to=Status.REGISTERED)
    step(actor=actor, report=forwarded, to=Status.FORWARDED,
         forwarded_to=TEXTS["intake.Report.forwarded_to"])  # fmt: skip
    step(actor=actor, report=report(), to=Status.DISCONTINUED,
         reason=TEXTS["intake.ReportTransition.reason"])  # fmt: skip
    opened = identification.identification_start(
        actor=actor, report_person=accepted.persons.get(person=person)
    )
    identification.interview_record(
        actor=actor, identification=opened, kind="field", held_at=timezone.now(),
        place=TEXTS["identification.Interview.place"],
        participants=TEXTS["identification.Interview.participants"],
        notes=TEXTS["identification.Interview.notes"],
    )  # fmt: skip
    profession = TEXTS["identification.Decision.panel_professions"]
    identification.decision_propose(
        actor=actor, identification=opened, status="presumed",
        municipality=TEXTS["identification.Decision.municipality_other"],
        panel=[{"user": actor.pk, "profession": profession}],
        reasons=TEXTS["identification.Decision.reasons"],
    )  # fmt: skip
    identification.form_save(
        actor=actor, identification=opened, kind="needs", base_version=0,
        sections={"priorities": TEXTS["writtenforms.FormVersion.sections"]},
    )  # fmt: skip
    identification.proceeding_add(
        actor=actor, identification=opened, stage="police", role="witness",
        authority=TEXTS["identification.Proceeding.authority"],
        reference=TEXTS["identification.Proceeding.reference"],
    )  # fmt: skip
    # An official note corrected by the head of service: the reason is free text.
    from zastita.documents.models import Document as IssuedDocument
    from zastita.documents.public import document_correct

    head = User.objects.create(username="canary.head", full_name="head")
    head.roles.set([Role.objects.get(code="head_of_service")])
    note = IssuedDocument.objects.get(subject_type="report", subject_id=accepted.pk,
                                type_code="intake.note")  # fmt: skip
    document_correct(actor=head, document=note, reason=TEXTS["documents.Document.cancel_reason"])
    # A worker opens the report outside their work, with a stated reason (break-the-glass).
    from zastita.assignments.glass import glass_open

    other = User.objects.create(username="canary.other", full_name="other")
    other.roles.set([Role.objects.get(code="worker")])
    glass_open(actor=other, subject_type="report", subject_id=accepted.pk, reason="other",
               explanation=TEXTS["assignments.GlassAccess.explanation"])  # fmt: skip
    # A case opened before the decision, with its reason, closed, then reopened with another.
    from zastita.cases.services import case_open_pending, case_transition

    case = case_open_pending(actor=actor, person=person, reason=TEXTS["cases.Case.opening_reason"])
    from zastita.cases.proceedings.services import ProceedingInput, proceeding_change

    proceeding_change(actor=actor, proceeding=case.proceedings.get(), version=1,
                      note=TEXTS["cases.ProceedingChange.note"], data=ProceedingInput(
        stage="court", role="witness", authority=TEXTS["cases.CaseProceeding.authority"],
        reference=TEXTS["cases.CaseProceeding.reference"],
    ))  # fmt: skip
    _plan(actor, case)
    case.refresh_from_db()
    from zastita.accounts.models import User

    from ..cases.plan_helpers import close_case

    case = close_case(actor, User.objects.get(username="canary.plans"), case)
    case_transition(actor=actor, case=case, to="active", version=case.version,
                    reason=TEXTS["cases.CaseTransition.reason"])  # fmt: skip
    filled = {}
    for label in [IDENTITY_FIELD, *TEXTS]:
        app, model, field = label.split(".")
        rows = apps.get_model(app, model).objects.exclude(**{field: ""})
        filled[label] = rows.count()
    return {"code": person.code, "filled": filled}


def _plan(actor: Any, case: Any) -> None:
    """The case's initial plan with a goal and a task, approved, and the task done."""
    import datetime

    from zastita.accounts.models import Role, User
    from zastita.cases.plans import services as plans
    from zastita.writtenforms.public import form_approve, form_for_subject, form_save

    plan = plans.plan_start(actor=actor, case=case, kind="initial")
    goal = plans.goal_add(actor=actor, plan=plan, text=TEXTS["cases.Goal.text"],
                          version=plan.version)  # fmt: skip
    plan.refresh_from_db()
    task = plans.task_add(
        actor=actor, plan=plan, goal_id=goal.pk, text=TEXTS["cases.Task.text"],
        responsible="person", worker=None, provider=None,
        due_on=plan.plan_date + datetime.timedelta(days=5), version=plan.version,
    )  # fmt: skip
    plan.refresh_from_db()
    plans.plan_details_save(actor=actor, plan=plan, participation="full",
                            consented_on=plan.plan_date, version=plan.version)  # fmt: skip
    form_save(
        actor=actor,
        code=plan.form_code,
        subject_id=plan.pk,
        base_version=0,
        sections={"priorities": "priorities", "participation": "participation"},
    )
    approver = User.objects.create(username="canary.plans", full_name="plans")
    approver.roles.set([Role.objects.get(code="head_of_service")])
    written = form_for_subject(plan.form_code, plan.pk)
    assert written is not None
    form_approve(actor=approver, form=written, version=1)
    from zastita.cases.monitoring.services import ContactInput, contact_record

    contact_record(actor=actor, case=case, data=ContactInput(
        with_whom="person", mode="home_visit", held_on=plan.plan_date, minutes=30,
        notes=TEXTS["cases.MonitoringContact.notes"], task_ids=[task.pk],
    ))  # fmt: skip
    from zastita.cases.reviews.services import review_record

    review_record(actor=actor, case=case, held_on=plan.plan_date, progress={goal.pk: "reached"},
                  outcome="continue", assessment=TEXTS["cases.Review.assessment"])  # fmt: skip
    plans.task_end(actor=actor, task=task, status="done", reason=TEXTS["cases.Task.end_reason"])
    from decimal import Decimal

    from django.conf import settings

    from zastita.cases.engagements import services as engagements

    engagement = engagements.engagement_add(
        actor=actor, case=case, data=engagements.EngagementInput(
        kind="transport", provider=None, requested_on=plan.plan_date, started_on=plan.plan_date,
        ended_on=None, units=None, unit="", funding="budget",
        cost=Decimal(settings.ZASTITA_ENGAGEMENT_DECISION_ABOVE + 1),
    ))  # fmt: skip
    engagements.engagement_decide(actor=approver, engagement=engagement, approve=True,
                                  reasons=TEXTS["cases.Engagement.decision_reasons"],
                                  version=1)  # fmt: skip
    engagements.engagement_end(actor=actor, engagement=engagement, ended_on=plan.plan_date,
                               outcome=TEXTS["cases.Engagement.outcome"], version=2)  # fmt: skip
    # Form 19 about the service, and the provider's answer recorded as incoming.
    from zastita.cases.models import Engagement
    from zastita.documents.public import document_issue
    from zastita.documents.services import incoming_record
    from zastita.partners.models import Provider, ProviderKind

    # Form 19 goes to a provider: the service's, set here (its consent is the plans' tests').
    provider = Provider.objects.create(kind=ProviderKind.TRANSPORT, professional="Превозник")
    Engagement.objects.filter(pk=engagement.pk).update(provider=provider)
    request = document_issue(actor=actor, type_code="cases.report_request",
                             subject_id=engagement.pk, step_key=f"canary:{engagement.pk}",
                             written={"text": "Молимо извештај."})  # fmt: skip
    from django.utils import timezone

    incoming_record(actor=actor, reply_to=request, sender="Превозник",
                    received_on=timezone.localdate(),
                    summary=TEXTS["documents.IncomingDocument.summary"])  # fmt: skip
