"""Thin views for reports, the duty dashboard and the roster."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zastita.accounts.capabilities import Capability
from zastita.accounts.models import User
from zastita.accounts.requests import actor_of
from zastita.assignments.public import assign_url
from zastita.audit.access import no_personal_data, note_nothing_shown, note_read, personal_data
from zastita.audit.models import Action, Purpose
from zastita.core import files
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.filenames import download_name
from zastita.core.forms import apply_errors
from zastita.core.paging import request_pager
from zastita.core.selectors import get_for_actor
from zastita.intake import roster, selectors, services, slots, workflow
from zastita.intake.clocks import clocks_of
from zastita.intake.forms import (
    AttachmentForm,
    FilterForm,
    HandoverForm,
    ReportForm,
    ShiftForm,
    TransitionForm,
)
from zastita.intake.models import Attachment, Report, Shift, Status
from zastita.intake.services import PersonInput
from zastita.notifications.public import notification_state, notifications_for
from zastita.people.public import person_by_code


@no_personal_data
@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """Numbers, statuses, urgency, place and clocks: nothing decrypted."""
    actor = actor_of(request)
    form = FilterForm(request.GET or None)
    filters = selectors.ReportFilters()
    if form.is_valid() and form.cleaned_data["number"]:
        # A number typed: its report, if the worker may see it; "not found" alike for one
        # outside their scope and one that does not exist.
        report = selectors.report_by_number(actor=actor, number=form.cleaned_data["number"])
        return redirect("intake:report_detail", report_id=report.pk)
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.ReportFilters(
            status=d["status"], urgency=d["urgency"], channel=d["channel"], year=d["year"],
            overdue=d["overdue"], mine=d["mine"],
        )  # fmt: skip
    page = selectors.report_list(
        actor=actor, filters=filters, pager=request_pager(request, selectors.REPORT_PAGE_SIZE)
    )
    return render(request, "intake/report_list.html", {
        "form": form, "reports": page.rows, "page": page,
        "can_receive": actor.has_perm("intake.receive"), "now": timezone.now(),
    })  # fmt: skip


@personal_data("report", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not actor.has_perm("intake.receive"):
        raise PermissionDenied(object_type="report")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        persons = []
        for code, description, is_child in form.person_rows():
            person = person_by_code(actor=actor, code=code) if code else None
            if person is not None and not actor.has_perm("people.view", person):
                # A file outside the worker's work is opened with a stated reason first, so
                # that naming it on a report does not bring it into their scope unseen.
                person = None
            if code and person is None:
                # At the row's code field, where it was typed.
                typed = [n for n in form.fields if n.endswith("_code") and n.startswith("person")
                         and (form.cleaned_data.get(n) or "").strip().upper() == code]  # fmt: skip
                form.add_error(
                    typed[0] if typed else None,
                    _("No record has the code %(code)s.") % {"code": code},
                )
            persons.append(PersonInput(person.pk if person else None, description, is_child))
        if not form.errors:
            try:
                report = services.report_create(actor=actor, data=form.report_input(persons))
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Report %(number)s is received.") % {"number": report.number}
                )
                return redirect("intake:report_detail", report_id=report.pk)
    note_nothing_shown(request)  # only what the user typed is on the page
    return render(request, "intake/report_form.html", {"form": form})


def report_page(request: HttpRequest, actor: User, report: Report, **extra: object) -> HttpResponse:
    note_read(request, "report", report.pk)
    texts = {**services.report_texts(report), **services.report_places(report)}
    persons = list(report.persons.select_related("person", "report"))
    from zastita.intake.field_visit import set_aside_reason
    from zastita.intake.models import SetAside

    opened: dict[int, int] = {}
    for found in slots.report_person_identifications.collect([p.pk for p in persons]):
        opened.update(found)
    for p in persons:
        p.identification_id = opened.get(p.pk)  # type: ignore[attr-defined]
        p.text = services.person_description(p)  # type: ignore[attr-defined]
        p.aside_text = set_aside_reason(p) if p.set_aside else ""  # type: ignore[attr-defined]
        if p.person_id:
            note_read(request, "person", p.person_id)
    timeline = selectors.report_timeline(report=report)
    for entry in timeline:
        if entry.transition is not None:
            entry.transition.report = report  # its reason is bound to the report
            entry.transition.text = services.transition_reason(entry.transition)  # type: ignore[attr-defined]
    attachments = list(report.attachments.select_related("report"))
    for a in attachments:
        a.label = services.attachment_name(a)  # type: ignore[attr-defined]
    can_decide = actor.has_perm("intake.decide")
    from zastita.documents.public import documents_for_subject

    documents = documents_for_subject(actor=actor, subject_type="report", subject_id=report.pk)
    context = {
        "documents": documents,
        "can_write_note": actor.has_perm("documents.issue"),
        "assign_url": assign_url(actor, "report", report.pk),
        "report": report, "texts": texts, "persons": persons, "timeline": timeline,
        "attachments": attachments, "clocks": clocks_of(report),
        "steps": workflow.allowed(report.status) if can_decide else (),
        "can_decide": can_decide, "now": timezone.now(), "set_aside_kinds": SetAside.choices,
        "transition_form": extra.pop("transition_form", None),
        "failed_step": extra.pop("failed_step", None),
        "link_form": extra.pop("link_form", None),
        "link_failed": extra.pop("link_failed", None),
        "attachment_form": extra.pop("attachment_form", None) or AttachmentForm(),
        **extra,
    }  # fmt: skip
    # A step that is not offered (any more): its errors above the steps, not lost.
    offered = {str(s.to) for s in (workflow.allowed(report.status) if can_decide else ())}
    failed = context["transition_form"] is not None
    context["transition_unplaced"] = failed and context["failed_step"] not in offered
    return render(request, "intake/report_detail.html", context)


@personal_data("report", purpose=Purpose.CASE_WORK)
@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = actor_of(request)
    report = selectors.report_get_for_actor(actor=actor, report_id=report_id)
    return report_page(request, actor, report)


@no_personal_data
@login_required
@require_POST
def report_first_contact(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = actor_of(request)
    report = selectors.report_get_for_actor(actor=actor, report_id=report_id)
    try:
        services.report_first_contact(actor=actor, report=report)
    except (ValidationError, Conflict) as exc:
        messages.error(request, exc.summary())
    else:
        messages.success(request, _("First contact is recorded; the report is yours."))
    return redirect("intake:report_detail", report_id=report.pk)


@personal_data("report", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def report_transition(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = actor_of(request)
    report = selectors.report_get_for_actor(actor=actor, report_id=report_id)
    to = request.POST.get("to", "")
    form = TransitionForm(request.POST, auto_id=f"id_{to if to in Status.values else 'x'}_%s")
    if form.is_valid():
        d = form.cleaned_data
        try:
            report = services.report_transition(
                actor=actor, report=report, to=d["to"], reason=d["reason"],
                forwarded_to=d["forwarded_to"], version=d["version"],
            )  # fmt: skip
        except (ValidationError, Conflict) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The report is now: %(status)s.")
                             % {"status": report.get_status_display()})  # fmt: skip
            return redirect("intake:report_detail", report_id=report.pk)
    return report_page(
        request, actor, report, transition_form=form, failed_step=request.POST.get("to")
    )


@personal_data("report", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def attachment_upload(request: HttpRequest, report_id: int) -> HttpResponse:
    """Attaches a file. On bad input (no file, the wrong kind, too large) the report's page
    comes back with the reason at the file field."""
    actor = actor_of(request)
    report = selectors.report_get_for_actor(actor=actor, report_id=report_id)
    if not actor.has_perm("intake.receive"):
        raise PermissionDenied(object_type="report", object_id=str(report_id))
    form = AttachmentForm(request.POST, request.FILES)
    if form.attach_with(lambda name, data: services.attachment_add(
        actor=actor, report=report, name=name, data=data
    )):  # fmt: skip
        messages.success(request, _("The file is attached."))
        return redirect("intake:report_detail", report_id=report.pk)
    messages.error(request, _("The file was not attached: the reason is at the file field."))
    return report_page(request, actor, report, attachment_form=form)


@personal_data("attachment", purpose=Purpose.CASE_WORK)
@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    actor = actor_of(request)
    attachment = get_for_actor(
        Attachment.objects.select_related("report"), attachment_id, actor=actor,
        perm="intake.view", object_type="attachment",
    )  # fmt: skip
    note_read(request, "attachment", attachment.pk)
    return files.download(attachment, attachment.report.number.replace("/", "-"))


@personal_data("report", purpose=Purpose.CASE_WORK, action=Action.PRINT)
@login_required
def report_document(request: HttpRequest, report_id: int, document: str) -> HttpResponse:
    """The official note on a received report, or the decision on it: the PDF issued at that
    step, as stored (never made again)."""
    from zastita.documents.public import document_for_step, document_pdf
    from zastita.intake.documents import DECISION, NOTE, step_key

    actor = actor_of(request)
    report = selectors.report_get_for_actor(actor=actor, report_id=report_id)
    type_code = {"note": NOTE, "decision": DECISION}.get(document)
    issued = (
        document_for_step(type_code=type_code, step_key=step_key(report, type_code))
        if type_code
        else None
    )
    if issued is None:
        raise PermissionDenied(object_type="report_document", object_id=str(report_id))
    note_read(request, "report", report.pk)
    response = HttpResponse(document_pdf(document=issued), content_type="application/pdf")
    # A Serbian name in ASCII-safe Latin: "sluzbena-beleska-0001-2026.pdf".
    label = _("official note") if document == "note" else _("decision on the report")
    name = download_name(str(label), report.number, extension="pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- duty ---


@no_personal_data
@login_required
def duty(request: HttpRequest) -> HttpResponse:
    """The duty dashboard: who is on duty; the clocks past their time, the soonest due and
    the open reports nobody has, a bounded number of each (`?all=1`: every running clock,
    a page at a time); the latest notifications."""
    actor = actor_of(request)
    show_all = request.GET.get("all") == "1"
    pager = request_pager(request, selectors.BOARD_PAGE_SIZE) if show_all else None
    board = selectors.duty_board(actor=actor, pager=pager)
    latest = notifications_for(actor=actor, limit=10)
    return render(request, "intake/duty.html", {
        "duty": roster.on_duty_for_request(request), "board": board, "now": timezone.now(),
        "notifications": latest, "state": notification_state(actor=actor),
        "poll_seconds": settings.ZASTITA_DUTY_POLL_SECONDS, "show_all": show_all,
        "page": board.all_running,
    })  # fmt: skip


def _week_start(text: str | None) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(text or "")
    except ValueError:
        day = timezone.localdate()
    if not 2000 <= day.year <= 2100:  # the calendar's edges have no week before or after
        day = timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def roster_view(request: HttpRequest) -> HttpResponse:
    """A week of the roster, day by day, with Serbia's holidays and any gap in coverage."""
    actor = actor_of(request)
    start = _week_start(request.GET.get("week"))
    shifts = list(roster.shift_list(actor=actor, start=start, days=7))
    can_manage = actor.has_perm("intake.manage_roster")
    receivers = User.objects.filter(
        pk__in=[u.pk for u in roster.users_with(Capability.REPORTS_RECEIVE)]
    ).order_by("full_name")
    form = ShiftForm(request.POST or None, users=receivers) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(object_type="shift")
        if form.is_valid():
            d = form.cleaned_data
            try:
                roster.shift_create(actor=actor, user=d["user"], kind=d["kind"],
                                    starts_at=d["starts_at"], ends_at=d["ends_at"])  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The shift is on the roster."))
                week = timezone.localtime(d["starts_at"]).date().isoformat()
                return redirect(f"{request.path}?week={week}")
    tz = timezone.get_current_timezone()
    holidays = roster.serbian_holidays(start.year) | roster.serbian_holidays(start.year + 1)
    days = []
    for offset in range(7):
        day = start + datetime.timedelta(days=offset)
        begin = datetime.datetime.combine(day, datetime.time.min, tz)
        end = begin + datetime.timedelta(days=1)
        days.append({
            "date": day, "holiday": holidays.get(day),
            "shifts": [s for s in shifts if s.starts_at < end and s.ends_at > begin],
            "gaps": roster.coverage_gaps(shifts, begin, end),
        })  # fmt: skip
    return render(request, "intake/roster.html", {
        "days": days, "form": form, "week": start,
        "previous": (start - datetime.timedelta(days=7)).isoformat(),
        "next": (start + datetime.timedelta(days=7)).isoformat(),
        "my_shift": next((s for s in shifts if s.user_id == actor.pk
                          and s.starts_at <= timezone.now() < s.ends_at), None),
        "handover_form": HandoverForm(),
    })  # fmt: skip


@personal_data("shift", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def shift_detail(request: HttpRequest, shift_id: int) -> HttpResponse:
    """A shift and its handover note (which may name cases: encrypted, and its read logged)."""
    actor = actor_of(request)
    shift = get_for_actor(
        Shift.objects.select_related("user"), shift_id, actor=actor, perm="intake.see_duty",
        object_type="shift",
    )  # fmt: skip
    form = HandoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            roster.shift_handover(actor=actor, shift=shift, note=form.cleaned_data["note"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The handover note is saved."))
            return redirect("intake:shift_detail", shift_id=shift.pk)
    note_read(request, "shift", shift.pk)
    return render(request, "intake/shift_detail.html", {
        "shift": shift, "handover": roster.handover_text(shift), "form": form,
        "can_write": shift.user_id == actor.pk or actor.has_perm("intake.manage_roster"),
    })  # fmt: skip


@no_personal_data
@login_required
def clock_targets(request: HttpRequest) -> HttpResponse:
    """The response targets are the deadlines platform's (one page for every kind): the old
    address leads there, for those on duty."""
    if not actor_of(request).has_perm("intake.see_duty"):
        raise PermissionDenied(object_type="clock_target_list")
    return redirect("deadlines:targets")
