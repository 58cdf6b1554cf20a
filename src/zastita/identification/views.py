"""Thin views for formal identification: open it, interviews, assessments, decisions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zastita.accounts.models import User
from zastita.audit.access import no_personal_data, note_read, personal_data
from zastita.audit.models import Action, Purpose
from zastita.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from zastita.core.forms import apply_errors
from zastita.core.selectors import get_for_actor
from zastita.identification import selectors, services
from zastita.identification.forms import (
    AssessmentForm,
    DecisionForm,
    InterviewForm,
    LinkForm,
    ProceedingForm,
)
from zastita.identification.indicators.engine import rules_in_use
from zastita.identification.models import Assessment, Identification
from zastita.intake.models import ReportPerson
from zastita.people.selectors import person_by_code, person_cards


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _report_person(actor: User, report_person_id: int, perm: str) -> ReportPerson:
    return get_for_actor(
        ReportPerson.objects.select_related("report"), report_person_id, actor=actor,
        perm=perm, object_type="report_person",
    )  # fmt: skip


@no_personal_data
@login_required
@require_POST
def person_link(request: HttpRequest, report_person_id: int) -> HttpResponse:
    """Links a described person of a report to their registry record, by code."""
    from zastita.intake.services import report_person_link

    actor = _actor(request)
    report_person = _report_person(actor, report_person_id, "intake.decide")
    form = LinkForm(request.POST)
    person = (
        person_by_code(actor=actor, code=form.data.get("code", "")) if form.is_valid() else None
    )
    try:
        if person is None:
            raise ValidationError(fields={"code": [_("No record has this code.")]})
        report_person_link(actor=actor, report_person=report_person, person_id=person.pk)
    except ValidationError as exc:
        messages.error(request, exc.summary())
    else:
        messages.success(request, _("The person is linked to the registry."))
    return redirect("intake:report_detail", report_id=report_person.report_id)


@no_personal_data
@login_required
@require_POST
def identification_start(request: HttpRequest, report_person_id: int) -> HttpResponse:
    actor = _actor(request)
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
    for decision in decisions:
        decision.reason_text = services.decision_reasons(decision)  # type: ignore[attr-defined]
    proceedings = list(identification.proceedings.all())
    for proceeding in proceedings:
        proceeding.ref_text = services.proceeding_reference(proceeding)  # type: ignore[attr-defined]
    book, _digest = rules_in_use()
    context = {
        "identification": identification,
        "report": identification.report_person.report,
        "card": person_cards(actor=actor, people=[identification.person])[0],
        "interviews": interviews,
        "assessments": list(identification.assessments.all()),
        "sets": sorted(book.sets.values(), key=lambda s: s.id),
        "decisions": decisions,
        "in_force": services.in_force(identification),
        "can_assess": actor.has_perm("identification.assess"),
        "can_approve": actor.has_perm("identification.approve"),
        "interview_form": forms.get("interview_form") or InterviewForm(auto_id="interview_%s"),
        "proceeding_form": forms.get("proceeding_form") or ProceedingForm(auto_id="proc_%s"),
        "proceedings": proceedings,
        "decision_form": forms.get("decision_form") or DecisionForm(auto_id="decision_%s"),
    }
    return render(request, "identification/detail.html", context)


def _identification_post(
    request: HttpRequest, identification_id: int, form_class: type[Form], auto_id: str,
    save: Callable[[User, Identification, dict[str, Any]], object], success: str,
    context_key: str,
) -> HttpResponse:  # fmt: skip
    """The shape every write on the identification page shares: the record (404 alike for
    missing and forbidden), the permission to assess, the form, the service, and on bad
    input the page again with the form as typed."""
    actor = _actor(request)
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
    actor = _actor(request)
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
    actor = _actor(request)
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
        "assessment": current, "dimensions": book.dimensions,
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
    actor = _actor(request)
    decision = selectors.decision_get_for_actor(actor=actor, decision_id=decision_id)
    try:
        services.decision_approve(actor=actor, decision=decision)
    except ValidationError as exc:
        messages.error(request, exc.summary())
    else:
        messages.success(request, _("The decision is approved and in force."))
    return redirect("identification:detail", identification_id=decision.identification_id)


def _findings_context(identification: Identification) -> dict[str, object]:
    from zastita.identification.models import Findings

    findings = Findings.objects.filter(identification=identification).first()
    latest = findings.versions.order_by("-number").first() if findings else None
    return {
        "findings": findings,
        "latest": latest,
        "texts": services.findings_text(latest) if latest else {},
        "versions": list(findings.versions.select_related("saved_by")) if findings else [],
    }


@personal_data("findings", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def findings_edit(request: HttpRequest, identification_id: int) -> HttpResponse:
    """Findings and opinion, written in sections. The page saves a draft by itself every
    half minute (a POST marked as autosave, answered in JSON); every save is a version."""
    from django.http import JsonResponse

    from zastita.identification.forms import FindingsForm

    actor = _actor(request)
    identification = selectors.identification_get_for_actor(
        actor=actor, identification_id=identification_id
    )
    context = _findings_context(identification)
    latest = context["latest"]
    if latest is not None:
        note_read(request, "findings", latest.findings_id)  # type: ignore[attr-defined]
    autosave = request.headers.get("X-Autosave") == "1"
    if request.method == "POST":
        if not actor.has_perm("identification.assess"):
            raise PermissionDenied(object_type="findings", object_id=str(identification_id))
        form = FindingsForm(request.POST)
        if form.is_valid():
            try:
                version = services.findings_save(
                    actor=actor, identification=identification, sections=form.sections(),
                    base_version=form.cleaned_data["base_version"], autosave=autosave,
                )  # fmt: skip
            except (ValidationError, Conflict) as exc:
                if autosave:
                    return JsonResponse({"saved": False, "message": str(exc.message)}, status=409)
                apply_errors(form, exc)
            else:
                if autosave:
                    return JsonResponse({"saved": True, "version": version.number})
                messages.success(request, _("The findings are saved."))
                return redirect("identification:findings", identification_id=identification.pk)
        elif autosave:
            return JsonResponse({"saved": False}, status=422)
    else:
        texts = context["texts"]
        initial = {"base_version": latest.number if latest else 0, **texts}  # type: ignore[attr-defined, dict-item]
        form = FindingsForm(initial=initial)
    return render(request, "identification/findings.html", {
        "identification": identification, "form": form,
        "can_assess": actor.has_perm("identification.assess"),
        "can_approve": actor.has_perm("identification.approve"), **context,
    })  # fmt: skip


@no_personal_data
@login_required
@require_POST
def findings_approve(request: HttpRequest, identification_id: int) -> HttpResponse:
    from zastita.identification.models import Findings

    actor = _actor(request)
    identification = selectors.identification_get_for_actor(
        actor=actor, identification_id=identification_id
    )
    findings = Findings.objects.filter(identification=identification).first()
    if findings is None or not actor.has_perm("identification.approve"):
        raise PermissionDenied(object_type="findings", object_id=str(identification_id))
    try:
        version = int(request.POST.get("version", "0"))
        services.findings_approve(actor=actor, findings=findings, version=version)
    except (ValueError, ValidationError, Conflict) as exc:
        message = getattr(exc, "message", None) or _("Reload the page and try again.")
        messages.error(request, str(message))
    else:
        messages.success(request, _("The findings are approved."))
    return redirect("identification:findings", identification_id=identification.pk)


@personal_data("findings", purpose=Purpose.CASE_WORK, action=Action.PRINT)
@login_required
def findings_print(request: HttpRequest, identification_id: int) -> HttpResponse:
    """A print view of the latest version (the PDF comes with the official forms)."""
    actor = _actor(request)
    identification = selectors.identification_get_for_actor(
        actor=actor, identification_id=identification_id
    )
    context = _findings_context(identification)
    if context["latest"] is None:
        raise PermissionDenied(object_type="findings", object_id=str(identification_id))
    note_read(request, "findings", context["findings"].pk)  # type: ignore[attr-defined]
    from zastita.identification.models import FINDINGS_SECTIONS

    texts = context["texts"]
    sections = [(label, texts.get(key, "")) for key, label in FINDINGS_SECTIONS]  # type: ignore[attr-defined]
    return render(request, "identification/findings_print.html", {
        "identification": identification, "sections": sections, **context,
    })  # fmt: skip


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

    actor = _actor(request)
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

    actor = _actor(request)
    if not actor.has_perm("identification.view"):
        raise PermissionDenied(object_type="indicator_rules", object_id=str(number))
    version = RulesVersion.objects.select_related("created_by").filter(number=number).first()
    if version is None:
        raise NotFound(object_type="indicator_rules", object_id=str(number))
    return render(request, "identification/rules_version.html", {"version": version})
