"""Thin views for written forms: a form's page (with its autosave, answered in JSON), the
approval or return of the version read, the print view, and the specs' pages. The owning
app mounts the form views under its own addresses (`mounted`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zastita.accounts.models import User
from zastita.accounts.requests import actor_of
from zastita.audit.access import no_personal_data, note_read, personal_data
from zastita.audit.models import Action, Purpose
from zastita.core.errors import Conflict, NotFound, PermissionDenied, ValidationError, known_code
from zastita.core.forms import apply_errors
from zastita.core.registries.writtenforms import FormSpec, Subject, form_specs
from zastita.writtenforms import selectors, services
from zastita.writtenforms.forms import ReturnForm, SectionsForm, SpecForm
from zastita.writtenforms.models import FormStatus, WrittenForm


def mounted(
    view: Callable[..., HttpResponse], subject_kwarg: str, subject_type: str
) -> Callable[..., HttpResponse]:
    """A form view under the owning app's address, whose subject id is `subject_kwarg`: only
    the forms on its own type of subject are found there."""

    @wraps(view)
    def wrapped(request: HttpRequest, kind: str, **kwargs: int) -> HttpResponse:
        return view(request, kind=kind, subject_id=kwargs[subject_kwarg], subject_type=subject_type)

    return wrapped


def _open(
    actor: User, kind: str, subject_id: int, subject_type: str | None
) -> tuple[FormSpec, Subject, WrittenForm | None]:
    """The spec (an unknown one, or one on another type of subject, is a 404), the subject
    (404 alike for missing and forbidden) and the form, if it was ever saved."""
    spec = selectors.spec_get(kind)
    if subject_type is not None and spec.subject_type != subject_type:
        raise NotFound(object_type="written_form", object_id=known_code(kind, form_specs))
    subject = spec.subject(actor, subject_id)
    return spec, subject, selectors.form_for_subject(kind, subject_id)


def _note(request: HttpRequest, form: WrittenForm, subject: Subject) -> None:
    note_read(request, "written_form", form.pk)
    for object_type, object_id in subject.reads:
        note_read(request, object_type, object_id)


def _context(spec: FormSpec, form: WrittenForm | None) -> dict[str, Any]:
    latest = selectors.latest_version(form)
    texts = selectors.version_text(latest) if latest else {}
    shown = (
        selectors.spec_at(spec.code, latest.spec_version) if latest
        else selectors.spec_in_use(spec.code)[1]
    ).shown()  # fmt: skip
    return {
        "written": form, "latest": latest, "texts": texts, "shown": shown,
        "labelled": [(s.label, texts.get(s.key, "")) for s in shown.sections],
        "history": selectors.history(form),
        "returned": form is not None and form.status == FormStatus.RETURNED,
    }  # fmt: skip


def _page(
    request: HttpRequest, spec: FormSpec, subject: Subject, subject_id: int,
    context: dict[str, Any], form: SectionsForm, return_form: ReturnForm | None = None,
) -> HttpResponse:  # fmt: skip
    actor = actor_of(request)
    latest = context["latest"]
    return render(request, "writtenforms/form.html", {
        "spec": spec, "subject": subject, "form": form, "title": spec.label,
        "page_url": spec.page_url(subject_id),
        "can_edit": actor.has_perm(spec.edit_permission),
        "can_approve": actor.has_perm(spec.approve_permission),
        "return_form": return_form or ReturnForm(initial={"version": getattr(latest, "number", 0)}),
        **context,
    })  # fmt: skip


def _sections_form(spec: FormSpec, context: dict[str, Any]) -> SectionsForm:
    latest = context["latest"]
    initial = {"base_version": latest.number if latest else 0, **context["texts"]}
    return SectionsForm(initial=initial, spec=selectors.spec_in_use(spec.code)[1].shown())


@personal_data("written_form", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def form_page(
    request: HttpRequest, kind: str, subject_id: int, subject_type: str | None = None
) -> HttpResponse:
    """A written form, in sections with guidance. The page saves a draft by itself every
    half minute (a POST marked as autosave, answered in JSON); every save is a version."""
    actor = actor_of(request)
    spec, subject, written = _open(actor, kind, subject_id, subject_type)
    context = _context(spec, written)
    if written is not None and context["latest"] is not None:
        _note(request, written, subject)
    autosave = request.headers.get("X-Autosave") == "1"
    if request.method != "POST":
        return _page(request, spec, subject, subject_id, context, _sections_form(spec, context))
    if not actor.has_perm(spec.edit_permission):
        raise PermissionDenied(object_type="written_form", object_id=str(subject_id))
    form = SectionsForm(request.POST, spec=selectors.spec_in_use(kind)[1].shown())
    if form.is_valid():
        try:
            version = services.form_save(
                actor=actor, code=kind, subject_id=subject_id, sections=form.sections(),
                base_version=form.cleaned_data["base_version"], autosave=autosave,
            )  # fmt: skip
        except (ValidationError, Conflict) as exc:
            if autosave:
                return JsonResponse({"saved": False, "message": str(exc.message)}, status=409)
            apply_errors(form, exc)
        else:
            if autosave:
                return JsonResponse({"saved": True, "version": version.number})
            messages.success(request, _("The form is saved."))
            return redirect(spec.page_url(subject_id))
    elif autosave:
        return JsonResponse({"saved": False}, status=422)
    return _page(request, spec, subject, subject_id, context, form)


def _review(
    request: HttpRequest, kind: str, subject_id: int, subject_type: str | None
) -> tuple[User, FormSpec, WrittenForm]:
    actor = actor_of(request)
    spec, _subject, written = _open(actor, kind, subject_id, subject_type)
    if written is None or not actor.has_perm(spec.approve_permission):
        raise PermissionDenied(object_type="written_form", object_id=str(subject_id))
    return actor, spec, written


@no_personal_data
@login_required
@require_POST
def form_approve(
    request: HttpRequest, kind: str, subject_id: int, subject_type: str | None = None
) -> HttpResponse:
    actor, spec, written = _review(request, kind, subject_id, subject_type)
    try:
        version = int(request.POST.get("version", "0"))
        services.form_approve(actor=actor, form=written, version=version)
    except (ValidationError, Conflict) as exc:
        messages.error(request, exc.summary())
    except ValueError:
        messages.error(request, _("A newer version was saved: read it, then approve it."))
    else:
        messages.success(request, _("The form is approved."))
    return redirect(spec.page_url(subject_id))


@personal_data("written_form", purpose=Purpose.SUPERVISION)
@login_required
@require_POST
def form_return(
    request: HttpRequest, kind: str, subject_id: int, subject_type: str | None = None
) -> HttpResponse:
    """Returns the version read to its author with comments. Comments missing or too long:
    the form's page again, the comments typed kept, the error at their field."""
    actor, spec, written = _review(request, kind, subject_id, subject_type)
    return_form = ReturnForm(request.POST)
    if return_form.is_valid():
        try:
            services.form_return(
                actor=actor, form=written, version=return_form.cleaned_data["version"],
                comments=return_form.cleaned_data["comments"],
            )  # fmt: skip
        except Conflict as exc:
            messages.error(request, exc.summary())
            return redirect(spec.page_url(subject_id))
        except ValidationError as exc:
            apply_errors(return_form, exc)
        else:
            messages.success(request, _("The form is returned to its author with your comments."))
            return redirect(spec.page_url(subject_id))
    subject = spec.subject(actor, subject_id)
    context = _context(spec, written)
    _note(request, written, subject)
    return _page(request, spec, subject, subject_id, context, _sections_form(spec, context),
                 return_form)  # fmt: skip


@personal_data("written_form", purpose=Purpose.CASE_WORK, action=Action.PRINT)
@login_required
def form_print(
    request: HttpRequest, kind: str, subject_id: int, subject_type: str | None = None
) -> HttpResponse:
    """A print view of the latest version, in the page's language."""
    actor = actor_of(request)
    spec, subject, written = _open(actor, kind, subject_id, subject_type)
    context = _context(spec, written)
    if written is None or context["latest"] is None:
        raise PermissionDenied(object_type="written_form", object_id=str(subject_id))
    _note(request, written, subject)
    return render(request, "writtenforms/print.html", {"spec": spec, "subject": subject,
                                                       **context})  # fmt: skip


@no_personal_data
@login_required
def spec_list(request: HttpRequest) -> HttpResponse:
    """The registered forms and the version of each spec in use (configuration only)."""
    actor = actor_of(request)
    rows = [
        (spec, selectors.spec_in_use(spec.code)[0])
        for spec in form_specs
        if actor.has_perm(spec.manager_permission)
    ]
    if not rows:
        raise PermissionDenied(object_type="written_form_spec")
    return render(request, "writtenforms/specs.html", {"rows": rows})


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def spec_page(request: HttpRequest, kind: str) -> HttpResponse:
    """One spec: its text in use, its history and a new version, checked before it is saved
    (refused with the line and the reason, the typed text kept)."""
    actor = actor_of(request)
    spec = selectors.spec_get(kind)
    if not actor.has_perm(spec.manager_permission):
        raise PermissionDenied(
            object_type="written_form_spec", object_id=known_code(kind, form_specs)
        )
    number, _parsed = selectors.spec_in_use(kind)
    versions = selectors.spec_versions(kind)
    text = versions[0].text if versions else services.render(spec)
    form = SpecForm(request.POST or None, initial={"text": text})
    if request.method == "POST" and form.is_valid():
        try:
            version = services.spec_version_save(
                actor=actor, code=kind, text=form.cleaned_data["text"],
                comment=form.cleaned_data["comment"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Version %(n)s of the form is in use.") % {"n": version.number}
            )
            return redirect("writtenforms:spec", kind=kind)
    return render(request, "writtenforms/spec.html", {
        "spec": spec, "form": form, "number": number, "versions": versions,
    })  # fmt: skip


def mount_all(subject_kwarg: str, subject_type: str) -> tuple[Callable[..., HttpResponse], ...]:
    """The four form views (the page, approve, return, print) mounted for an owning app's
    subject, in that order."""
    return tuple(
        mounted(view, subject_kwarg, subject_type)
        for view in (form_page, form_approve, form_return, form_print)
    )
