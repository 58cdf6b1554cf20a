"""Thin views for formal identification: open it, interviews, assessments, decisions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zastita.accounts.models import User
from zastita.accounts.requests import actor_of
from zastita.assignments.public import assign_url
from zastita.audit.access import no_personal_data, note_read, personal_data
from zastita.audit.models import Purpose
from zastita.core import files
from zastita.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from zastita.core.filenames import ascii_slug
from zastita.core.forms import apply_errors
from zastita.core.paging import request_pager
from zastita.core.selectors import get_for_actor
from zastita.documents.public import documents_for_subject
from zastita.identification import selectors, services
from zastita.identification.forms import (
    AssessmentForm,
    AttachmentForm,
    DecisionForm,
    InterviewForm,
    LinkForm,
    ProceedingForm,
)
from zastita.identification.indicators.engine import rules_in_use
from zastita.identification.indicators.suggest import may_be_child, suggested_sets
from zastita.identification.models import Assessment, Attachment, Identification
from zastita.identification.slots import case_offers, proceedings_kept
from zastita.identification.written import FORMS, SUBJECT_TYPE
from zastita.intake.public import ReportPerson, report_page, report_person_link, report_places
from zastita.people.public import person_by_code, person_cards
from zastita.writtenforms import public as written_forms


def _report_person(actor: User, report_person_id: int, perm: str) -> ReportPerson:
    return get_for_actor(
        ReportPerson.objects.select_related("report"), report_person_id, actor=actor,
        perm=perm, object_type="report_person",
    )  # fmt: skip


@no_personal_data
@login_required
def identification_list(request: HttpRequest) -> HttpResponse:
    """The worklist: person codes, report numbers and statuses; nothing decrypted."""
    from zastita.identification.forms import ListFilterForm

    actor = actor_of(request)
    form = ListFilterForm(request.GET or None, initial={"state": "open"})
    state, awaiting = "open", False
    if form.is_valid():
        state = form.cleaned_data["state"] or "open"
        awaiting = form.cleaned_data["awaiting_approval"]
    page = selectors.identification_list(
        actor=actor, state=state, awaiting_approval=awaiting,
        pager=request_pager(request, selectors.PAGE_SIZE),
    )  # fmt: skip
    return render(request, "identification/list.html", {
        "form": form, "identifications": page.rows, "page": page, "form_count": len(FORMS),
    })  # fmt: skip


@personal_data("report", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def person_link(request: HttpRequest, report_person_id: int) -> HttpResponse:
    """Links a described person of a report to their registry record, by code; a code that
    finds nobody is an error at the code field of the report's page."""

    actor = actor_of(request)
    report_person = _report_person(actor, report_person_id, "intake.decide")
    form = LinkForm(request.POST, auto_id=f"id_link{report_person.pk}_%s")
    person = (
        person_by_code(actor=actor, code=form.data.get("code", "")) if form.is_valid() else None
    )
    try:
        if person is None:
            raise ValidationError(fields={"code": [_("No record has this code.")]})
        report_person_link(actor=actor, report_person=report_person, person_id=person.pk)
    except ValidationError as exc:
        if form.is_valid():
            apply_errors(form, exc)
        return report_page(
            request, actor, report_person.report, link_form=form, link_failed=report_person.pk
        )
    else:
        messages.success(request, _("The person is linked to the registry."))
    return redirect("intake:report_detail", report_id=report_person.report_id)


@no_personal_data
@login_required
@require_POST
def identification_start(request: HttpRequest, report_person_id: int) -> HttpResponse:
    actor = actor_of(request)
    report_person = _report_person(actor, report_person_id, "identification.assess")
    try:
        identification = services.identification_start(actor=actor, report_person=report_person)
    except ValidationError as exc:
        messages.error(request, exc.summary())
        return redirect("intake:report_detail", report_id=report_person.report_id)
    return redirect("identification:detail", identification_id=identification.pk)


def _detail(request: HttpRequest, actor: User, identification: Identification,
            **forms: object) -> HttpResponse:  # fmt: skip
    note_read(request, "identification", identification.pk)
    note_read(request, "person", identification.person_id)
    interviews = list(identification.interviews.all())
    for interview in interviews:
        record = f"interview:{interview.pk}"
        interview.texts = {  # type: ignore[attr-defined]
            "place": services.unseal(interview.place, record + ":place"),
            "participants": services.unseal(interview.participants, record + ":participants"),
            "notes": services.unseal(interview.notes, record + ":notes"),
        }
    decisions = list(identification.decisions.select_related("proposed_by", "approved_by"))
    members = {m.get("user") for d in decisions for m in d.panel}
    names = dict(User.objects.filter(pk__in=members).values_list("pk", "full_name"))
    for decision in decisions:
        # Four eyes: who sat on the panel is not offered the approval.
        decision.on_panel = any(m.get("user") == actor.pk for m in decision.panel)  # type: ignore[attr-defined]
        decision.reason_text = services.decision_reasons(decision)  # type: ignore[attr-defined]
        decision.fact_rows = decision.facts(  # type: ignore[attr-defined]
            names, place_other=services.decision_place(decision),
            professions=[m["profession"] for m in services.decision_panel(decision)],
        )  # fmt: skip
    attachments = list(identification.attachments.select_related("uploaded_by"))
    for attachment in attachments:
        attachment.texts = services.attachment_texts(attachment)  # type: ignore[attr-defined]
    proceedings = list(identification.proceedings.all())
    for proceeding in proceedings:
        proceeding.ref_text = services.proceeding_reference(proceeding)  # type: ignore[attr-defined]
        proceeding.authority_text = services.proceeding_authority(proceeding)  # type: ignore[attr-defined]
    book, _digest = rules_in_use()
    person = identification.person
    child = may_be_child(person.age(), disputed=person.age_disputed)
    suggested = suggested_sets(book, identification.report_person.report.exploitation, child)
    assessed = {a.set_id: a for a in identification.assessments.all()}
    saved = written_forms.forms_of(SUBJECT_TYPE, identification.pk)
    report = identification.report_person.report
    context = {
        "documents": documents_for_subject(
            actor=actor, subject_type=SUBJECT_TYPE, subject_id=identification.pk
        ),
        "written_forms": [(spec, saved.get(kind)) for kind, spec in FORMS.items()],
        "identification": identification,
        "case_offers": [o for o in case_offers.collect(actor, identification) if o is not None],
        "assign_url": assign_url(actor, SUBJECT_TYPE, identification.pk),
        "report": report,
        "card": person_cards(actor=actor, people=[identification.person])[0],
        "interviews": interviews,
        "set_rows": [
            (s, assessed.get(s.id), s.id in suggested)
            for s in sorted(book.sets.values(), key=lambda s: s.id)
        ],
        "decisions": decisions,
        "in_force": selectors.in_force(identification),
        "can_assess": actor.has_perm("identification.assess"),
        "can_approve": actor.has_perm("identification.approve"),
        "interview_form": forms.get("interview_form") or InterviewForm(auto_id="interview_%s"),
        "proceeding_form": forms.get("proceeding_form") or ProceedingForm(auto_id="proc_%s"),
        "proceedings": proceedings,
        "proceedings_kept": next(
            (k for k in proceedings_kept.collect(actor, identification) if k), None
        ),
        "attachments": attachments,
        "attachment_form": forms.get("attachment_form") or AttachmentForm(auto_id="file_%s"),
        "decision_form": forms.get("decision_form") or _decision_form(report),
    }
    return render(request, "identification/detail.html", context)


def _decision_form(report: Any) -> DecisionForm:
    """A new decision takes its place from the report (the head may change it)."""
    place = report_places(report)["municipality"]
    return DecisionForm(auto_id="decision_%s", initial={"municipality": place})


def _identification_post(
    request: HttpRequest, identification_id: int, form_class: type[Form], auto_id: str,
    save: Callable[[User, Identification, dict[str, Any]], object], success: str,
    context_key: str,
) -> HttpResponse:  # fmt: skip
    """The shape every write on the identification page shares: the record (404 alike for
    missing and forbidden), the permission to assess, the form, the service, and on bad
    input the page again with the form as typed."""
    actor = actor_of(request)
    identification = selectors.identification_get_for_actor(
        actor=actor, identification_id=identification_id
    )
    if not actor.has_perm("identification.assess"):
        raise PermissionDenied(object_type="identification", object_id=str(identification_id))
    form = form_class(request.POST, auto_id=auto_id)
    if form.is_valid():
        try:
            save(actor, identification, dict(form.cleaned_data))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("identification:detail", identification_id=identification.pk)
    return _detail(request, actor, identification, **{context_key: form})


@personal_data("identification", purpose=Purpose.CASE_WORK)
@login_required
def identification_detail(request: HttpRequest, identification_id: int) -> HttpResponse:
    actor = actor_of(request)
    identification = selectors.identification_get_for_actor(
        actor=actor, identification_id=identification_id
    )
    return _detail(request, actor, identification)


@personal_data("identification", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def interview_add(request: HttpRequest, identification_id: int) -> HttpResponse:
    return _identification_post(
        request, identification_id, InterviewForm, "interview_%s",
        lambda actor, identification, data: services.interview_record(
            actor=actor, identification=identification, **data
        ),
        _("The interview is recorded."), "interview_form",
    )  # fmt: skip


@personal_data("assessment", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, identification_id: int, set_id: str) -> HttpResponse:
    """The indicator checklist of one set, and the engine's explanation of the answers."""
    actor = actor_of(request)
    identification = selectors.identification_get_for_actor(
        actor=actor, identification_id=identification_id
    )
    book, _digest = rules_in_use()
    if set_id not in book.sets:
        raise PermissionDenied(object_type="assessment", object_id=set_id)
    indicator_set = book.sets[set_id]
    current = Assessment.objects.filter(identification=identification, set_id=set_id).first()
    if current is not None:
        note_read(request, "assessment", current.pk)
    initial: dict[str, object] = {"age_at_exploitation": identification.person.age()}
    if current is not None:
        initial = {AssessmentForm.key(k): v for k, v in current.answers.items()}
        initial.update(
            {AssessmentForm.note_key(k): v for k, v in services.assessment_notes(current).items()}
        )
        initial.update(
            version=current.version, age_at_exploitation=current.age_at_exploitation,
            age_disputed=current.age_disputed, act_present=current.act_present,
        )  # fmt: skip
    form = AssessmentForm(request.POST or None, initial=initial, indicator_set=indicator_set)
    if request.method == "POST":
        if not actor.has_perm("identification.assess"):
            raise PermissionDenied(object_type="assessment", object_id=set_id)
        if form.is_valid():
            d = form.cleaned_data
            try:
                current = services.assessment_save(
                    actor=actor, identification=identification, set_id=set_id,
                    answers=form.answers(), notes=form.notes(), act_present=d["act_present"],
                    age_at_exploitation=d["age_at_exploitation"],
                    age_disputed=d["age_disputed"], override_reason=d["override_reason"],
                    version=d["version"],
                )  # fmt: skip
            except (ValidationError, Conflict) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The assessment is saved."))
                return redirect("identification:assessment", identification_id=identification.pk,
                                set_id=set_id)  # fmt: skip
    return render(request, "identification/assessment.html", {
        "identification": identification, "indicator_set": indicator_set, "form": form,
        "assessment": current, "groups": form.by_dimension(book.dimensions),
        "can_assess": actor.has_perm("identification.assess"),
    })  # fmt: skip


@personal_data("identification", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def decision_propose(request: HttpRequest, identification_id: int) -> HttpResponse:
    def save(actor: User, identification: Identification, data: dict[str, Any]) -> object:
        kind = data.pop("kind")
        return services.decision_propose(
            actor=actor, identification=identification, kind=kind, **data
        )

    return _identification_post(
        request, identification_id, DecisionForm, "decision_%s", save,
        _("The decision is proposed to the head of service."), "decision_form",
    )  # fmt: skip


@no_personal_data
@login_required
@require_POST
def decision_approve(request: HttpRequest, decision_id: int) -> HttpResponse:
    actor = actor_of(request)
    decision = selectors.decision_get_for_actor(actor=actor, decision_id=decision_id)
    try:
        services.decision_approve(actor=actor, decision=decision)
    except ValidationError as exc:
        messages.error(request, exc.summary())
    else:
        messages.success(request, _("The decision is approved and in force."))
    return redirect("identification:detail", identification_id=decision.identification_id)


# The written forms are the writtenforms platform's pages, under this app's addresses.
written_form, written_form_approve, written_form_return, written_form_print = (
    written_forms.views.mount_all("identification_id", SUBJECT_TYPE)
)


@personal_data("identification", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def proceeding_add(request: HttpRequest, identification_id: int) -> HttpResponse:
    return _identification_post(
        request, identification_id, ProceedingForm, "proc_%s",
        lambda actor, identification, data: services.proceeding_add(
            actor=actor, identification=identification, **data
        ),
        _("The case is recorded."), "proceeding_form",
    )  # fmt: skip


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def rules_page(request: HttpRequest) -> HttpResponse:
    """The indicator sets and decision rules in use, their history, and (for the head of
    service) a new version, checked by the engine before it is saved."""
    from zastita.identification.forms import RulesForm
    from zastita.identification.indicators.engine import current_rules_text
    from zastita.identification.models import RulesVersion

    actor = actor_of(request)
    if not actor.has_perm("identification.view"):
        raise PermissionDenied(object_type="indicator_rules")
    can_manage = actor.has_perm("identification.manage_rules")
    form = RulesForm(request.POST or None, initial={"text": current_rules_text()})
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(object_type="indicator_rules")
        if form.is_valid():
            try:
                version = services.rules_version_save(
                    actor=actor, text=form.cleaned_data["text"],
                    comment=form.cleaned_data["comment"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Version %(n)s of the rules is in use.") % {"n": version.number}
                )
                return redirect("identification:rules")
    book, digest = rules_in_use()
    return render(request, "identification/rules.html", {
        "form": form, "can_manage": can_manage, "book": book, "digest": digest,
        "versions": RulesVersion.objects.select_related("created_by"),
        "sets": sorted(book.sets.values(), key=lambda s: s.id),
    })  # fmt: skip


@no_personal_data
@login_required
def rules_version(request: HttpRequest, number: int) -> HttpResponse:
    from zastita.identification.models import RulesVersion

    actor = actor_of(request)
    if not actor.has_perm("identification.view"):
        raise PermissionDenied(object_type="indicator_rules", object_id=str(number))
    version = RulesVersion.objects.select_related("created_by").filter(number=number).first()
    if version is None:
        raise NotFound(object_type="indicator_rules", object_id=str(number))
    return render(request, "identification/rules_version.html", {"version": version})


@personal_data("identification", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def attachment_upload(request: HttpRequest, identification_id: int) -> HttpResponse:
    """Attaches a document. On bad input the page comes back with the kind and description
    as typed (a browser cannot refill the file)."""
    actor = actor_of(request)
    identification = selectors.identification_get_for_actor(
        actor=actor, identification_id=identification_id
    )
    if not actor.has_perm("identification.assess"):
        raise PermissionDenied(object_type="identification", object_id=str(identification_id))
    form = AttachmentForm(request.POST, request.FILES, auto_id="file_%s")
    if form.attach_with(lambda name, data: services.attachment_add(
        actor=actor, identification=identification, kind=form.cleaned_data["kind"], name=name,
        data=data, description=form.cleaned_data["description"],
    )):  # fmt: skip
        messages.success(request, _("The file is attached."))
        return redirect("identification:detail", identification_id=identification.pk)
    return _detail(request, actor, identification, attachment_form=form)


@personal_data("identification_attachment", purpose=Purpose.CASE_WORK)
@login_required
def attachment_download(request: HttpRequest, document_id: int) -> HttpResponse:
    actor = actor_of(request)
    attachment = get_for_actor(
        Attachment.objects.select_related("identification"), document_id, actor=actor,
        perm="identification.view", object_type="identification_attachment",
    )  # fmt: skip
    note_read(request, "identification_attachment", attachment.pk)
    note_read(request, "person", attachment.identification.person_id)
    return files.download(attachment, ascii_slug(_("identification")))  # "identifikacija-7.pdf"
