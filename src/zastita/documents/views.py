"""Thin views for official documents: the register, a document's page and its PDF, a
correction, the search by registry number, and the head of service's templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zastita.accounts.models import User
from zastita.accounts.requests import actor_of
from zastita.audit.access import no_personal_data, note_read, personal_data
from zastita.audit.models import Action, Purpose
from zastita.core import files
from zastita.core.errors import Conflict, NotFound, PermissionDenied, ValidationError, known_code
from zastita.core.filenames import download_name
from zastita.core.forms import apply_errors
from zastita.core.paging import Page, request_pager
from zastita.core.registries.documents import document_types
from zastita.documents import docx, selectors, services
from zastita.documents.forms import (
    AnswerForm,
    CorrectionForm,
    DocxTemplateForm,
    RegisterFilterForm,
    SearchForm,
    TemplateForm,
    WriteForm,
)
from zastita.documents.models import Document, IncomingDocument, TemplateKind


@no_personal_data
@login_required
def register(request: HttpRequest) -> HttpResponse:
    """The register (деловодник): numbers, types, dates and statuses; no personal data."""
    actor = actor_of(request)
    if not actor.has_perm("documents.view"):
        raise PermissionDenied(object_type="document_register")
    form = RegisterFilterForm(request.GET or None)
    pager = request_pager(request, selectors.REGISTER_PAGE_SIZE)
    page: Page[Document] = Page(rows=[])
    if not form.is_bound:
        page = selectors.document_register(actor=actor, pager=pager)
    elif form.is_valid():
        d = form.cleaned_data
        page = selectors.document_register(
            actor=actor, type_code=d["type_code"], year=d["year"], number=d["number"],
            subject_type=d["subject_type"], pager=pager,
        )  # fmt: skip
    return render(request, "documents/register.html", {
        "form": form, "documents": page.rows, "page": page,
        "can_manage": actor.has_perm("documents.manage_templates"),
    })  # fmt: skip


@no_personal_data
@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Finds a document by its registry number ("0007/2026")."""
    actor = actor_of(request)
    if not actor.has_perm("documents.view"):
        raise PermissionDenied(object_type="document_register")
    form = SearchForm(request.GET or None)
    found: list[Document] | None = None
    received: list[IncomingDocument] = []
    if form.is_valid():
        number, year = form.cleaned_data["registry_number"]
        found = selectors.document_search(actor=actor, number=number, year=year)
        received = selectors.incoming_search(actor=actor, number=number, year=year)
        if len(found) == 1 and not received:
            return redirect("documents:detail", document_id=found[0].pk)
        if len(received) == 1 and not found:  # shown under the request it answers
            return redirect("documents:detail", document_id=received[0].reply_to_id)
    return render(request, "documents/search.html",
                  {"form": form, "found": found, "received": received})  # fmt: skip


@no_personal_data
@login_required
def received(request: HttpRequest) -> HttpResponse:
    """The documents received, in the same register and sequence as those issued: numbers,
    dates and the request each answers (what they say is on the request's page)."""
    actor = actor_of(request)
    page = selectors.incoming_register(
        actor=actor, pager=request_pager(request, selectors.REGISTER_PAGE_SIZE)
    )
    return render(request, "documents/received.html", {"rows": page.rows, "page": page})


def _correctable(document: Document) -> bool:
    spec = document_types.find(document.type_code)
    return spec is not None and services.correctable(spec)


def _written(document: Document) -> bool:
    spec = document_types.find(document.type_code)
    return bool(spec and spec.written_by_author)


def _detail(
    request: HttpRequest, actor: User, document: Document, form: CorrectionForm | None = None
) -> HttpResponse:
    note_read(request, "document", document.pk)
    corrects = document.corrects if _has_corrects(document) else None
    return render(request, "documents/detail.html", {
        "document": document, "editable": selectors.editable_copy(document=document),
        "type_label": selectors.type_label(document.type_code),
        "corrects": corrects, "cancel_reason": services.cancel_reason(document),
        "can_correct": actor.has_perm("documents.correct")
        and not document.is_cancelled
        and _correctable(document),
        "form": form or CorrectionForm(written=_written(document)),
        "answers": selectors.answers_of(document),
        "can_answer": _expects_answer(document) and not document.is_cancelled
        and actor.has_perm("documents.answer", document),
    })  # fmt: skip


def _expects_answer(document: Document) -> bool:
    spec = document_types.find(document.type_code)
    return spec is not None and spec.expects_answer


def _has_corrects(document: Document) -> bool:
    try:
        return document.corrects is not None
    except Document.DoesNotExist:
        return False


@personal_data("document", purpose=Purpose.CASE_WORK)
@login_required
def detail(request: HttpRequest, document_id: int) -> HttpResponse:
    actor = actor_of(request)
    document = selectors.document_get_for_actor(actor=actor, document_id=document_id)
    return _detail(request, actor, document)


@personal_data("document", purpose=Purpose.CASE_WORK, action=Action.PRINT)
@login_required
def download(request: HttpRequest, document_id: int) -> HttpResponse:
    """The PDF as issued (a cancelled one with the stamp over every page)."""
    actor = actor_of(request)
    document = selectors.document_get_for_actor(actor=actor, document_id=document_id)
    note_read(request, "document", document.pk)
    note_read(request, document.subject_type, document.subject_id)
    response = HttpResponse(selectors.document_pdf(document=document), "application/pdf")
    name = download_name(selectors.type_label(document.type_code), document.registry_number,
                         extension="pdf")  # fmt: skip
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@personal_data("document", purpose=Purpose.CASE_WORK, action=Action.PRINT)
@login_required
def download_docx(request: HttpRequest, document_id: int) -> HttpResponse:
    """The Word copy made when the document was issued, as stored. A cancelled document's
    copy is not given out: nobody should sign what has been replaced."""
    actor = actor_of(request)
    document = selectors.document_get_for_actor(actor=actor, document_id=document_id)
    copy = selectors.editable_copy(document=document)
    if copy is None:
        raise NotFound(object_type="document_docx", object_id=str(document_id))
    if document.is_cancelled:
        messages.error(request, _("This document is cancelled; its Word copy is no longer "
                                  "given out. Use the correcting document's."))  # fmt: skip
        response = _detail(request, actor, document)
        response.status_code = 409
        return response
    note_read(request, "document", document.pk)
    note_read(request, document.subject_type, document.subject_id)
    response = HttpResponse(files.read(copy.storage_name), copy.content_type)
    name = download_name(selectors.type_label(document.type_code), document.registry_number,
                         extension="docx")  # fmt: skip
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@personal_data("document", purpose=Purpose.CASE_WORK)
@login_required
@require_POST
def correct(request: HttpRequest, document_id: int) -> HttpResponse:
    """Issues the correction; on bad input the page again with the reason as typed."""
    actor = actor_of(request)
    document = selectors.document_get_for_actor(actor=actor, document_id=document_id)
    if not actor.has_perm("documents.correct"):
        raise PermissionDenied(object_type="document", object_id=str(document_id))
    written = _written(document)
    form = CorrectionForm(request.POST, written=written)
    if form.is_valid():
        try:
            new = services.document_correct(
                actor=actor,
                document=document,
                reason=form.cleaned_data["reason"],
                written={"text": form.cleaned_data["text"]} if written else None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Document %(new)s is issued and cancels %(old)s.")
                % {"new": new.registry_number, "old": document.registry_number},
            )
            return redirect("documents:detail", document_id=new.pk)
    return _detail(request, actor, document, form)


@personal_data("document", purpose=Purpose.CASE_WORK)
@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, document_id: int) -> HttpResponse:
    """Records the answer to a document that asks for one (form 19) as an incoming document
    in the register; refused, the page again with the message at its field and what was
    typed."""
    actor = actor_of(request)
    document = selectors.document_get_for_actor(actor=actor, document_id=document_id)
    if not actor.has_perm("documents.answer", document) or not _expects_answer(document):
        raise PermissionDenied(object_type="document", object_id=str(document_id))
    form = AnswerForm(request.POST if request.method == "POST" else None,
                      initial={"received_on": timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            incoming = services.incoming_record(actor=actor, reply_to=document,
                                                **form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The answer is recorded under %(number)s.")
                             % {"number": incoming.registry_number})  # fmt: skip
            return redirect("documents:detail", document_id=document.pk)
    note_read(request, "document", document.pk)
    return render(request, "documents/answer.html", {
        "document": document, "type_label": selectors.type_label(document.type_code),
        "form": form,
    })  # fmt: skip


@no_personal_data
@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    """The types of document, each with its template's version in use."""
    from django.db.models import Max

    from zastita.documents.models import DocumentTemplate

    actor = actor_of(request)
    if not actor.has_perm("documents.manage_templates"):
        raise PermissionDenied(object_type="document_template")
    versions = dict(
        DocumentTemplate.objects.values("type_code")
        .annotate(n=Max("version"))
        .values_list("type_code", "n")
    )
    types = sorted(document_types, key=lambda t: str(t.label))
    return render(request, "documents/template_list.html", {
        "types": [(t, versions.get(t.code) or 1) for t in types],
    })  # fmt: skip


@no_personal_data
@login_required
@require_http_methods(["GET", "POST"])
def template_page(request: HttpRequest, type_code: str) -> HttpResponse:
    """A type's templates: their versions, and a new one, refused with the line and the
    reason when it does not compile or render with the type's sample. The HTML template
    (for the PDF) and, for a document edited by hand, the Word template are sent by forms
    of their own."""
    actor = actor_of(request)
    versions = selectors.template_versions(actor=actor, type_code=type_code)
    spec = document_types.get(type_code)
    html_versions = [v for v in versions if v.kind == TemplateKind.HTML]
    current = html_versions[0].body if html_versions else spec.default_template
    sent_docx = request.method == "POST" and "docx_upload" in request.POST
    form = TemplateForm(None if sent_docx else request.POST or None, initial={"body": current})
    docx_form = DocxTemplateForm(request.POST if sent_docx else None, request.FILES or None)
    if request.method == "POST" and not sent_docx and form.is_valid():
        try:
            saved = services.template_save(
                actor=actor, type_code=type_code, body=form.cleaned_data["body"]
            )
        except (ValidationError, Conflict) as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Version %(n)s of the template is in use.") % {"n": saved.version}
            )
            return redirect("documents:template", type_code=type_code)
    if sent_docx and spec.edited_by_hand and docx_form.is_valid():
        try:
            saved = services.docx_template_save(
                actor=actor, type_code=type_code, data=docx_form.cleaned_data["docx"].read()
            )
        except (ValidationError, Conflict) as exc:
            apply_errors(docx_form, exc)
        else:
            messages.success(
                request,
                _("Version %(n)s of the Word template is in use.") % {"n": saved.version},
            )
            return redirect("documents:template", type_code=type_code)
    return render(request, "documents/template.html", {
        "spec": spec, "versions": html_versions, "form": form, "docx_form": docx_form,
        "docx_versions": [v for v in versions if v.kind == TemplateKind.DOCX],
        "placeholders": sorted({*spec.sample_context(), *services.PLATFORM_KEYS}),
    })  # fmt: skip


@no_personal_data
@login_required
def template_docx(request: HttpRequest, type_code: str) -> HttpResponse:
    """The Word template in use (the shipped one until a version is uploaded), to edit."""
    actor = actor_of(request)
    selectors.template_versions(actor=actor, type_code=type_code)
    spec = document_types.get(type_code)
    if not spec.edited_by_hand:
        raise NotFound(object_type="document_template", object_id=spec.code)
    data = services.docx_template_bytes(actor=actor, spec=spec)
    response = HttpResponse(data, docx.CONTENT_TYPE)
    name = download_name(str(spec.label), _("template"), extension="docx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@personal_data("document", purpose=Purpose.CASE_WORK, action=Action.CREATE)
@login_required
@require_http_methods(["GET", "POST"])
def write(request: HttpRequest, type_code: str, subject_id: int) -> HttpResponse:
    """Writes and issues a document its author writes (form 6, the general official note)
    about a report, a person or a later record. Who may not see the subject, or may not
    issue documents, finds nothing here."""
    import secrets

    actor = actor_of(request)
    spec = document_types.find(type_code)
    if (
        spec is None
        or not spec.written_by_author
        or not actor.has_perm("documents.issue")
        or (spec.can_view is not None and not spec.can_view(actor, subject_id))
    ):
        raise PermissionDenied(
            object_type="document_write", object_id=known_code(type_code, document_types)
        )
    if request.method == "POST":
        form = WriteForm(request.POST)
        if form.is_valid():
            try:
                document = services.document_issue(
                    actor=actor, type_code=type_code, subject_id=subject_id,
                    step_key=f"written:{form.cleaned_data['token']}",
                    written={"text": form.cleaned_data["text"]},
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Document %(number)s is issued.") % {"number": document.registry_number},
                )
                return redirect("documents:detail", document_id=document.pk)
    else:
        form = WriteForm(initial={"token": secrets.token_hex(16)})
    return render(request, "documents/write.html", {
        "form": form, "type_label": spec.label, "subject_label": spec.subject_label,
    })  # fmt: skip
