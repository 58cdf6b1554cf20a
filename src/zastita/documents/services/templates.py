"""Writes and helpers for document templates: the type's current template of each kind (its
default becomes version 1 the first time it is used), the context every template may use,
and saving a new version, refused with the line and the reason unless it renders with the
type's sample and keeps the rule of DOMAIN.md §4."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.errors import Conflict, PermissionDenied, ValidationError, known_code
from zastita.core.registries.documents import DocumentType, document_types
from zastita.documents import docx, rendering
from zastita.documents.models import DocumentTemplate, TemplateKind

SAMPLE_NUMBER = "0000"
# What the platform adds to every type's context (see `platform_context`).
PLATFORM_KEYS = ("registry_number", "issued_on", "author_name", "approver_name", "document_label")


def document_type(type_code: str) -> DocumentType:
    spec = document_types.find(type_code)
    if spec is None:
        raise ValidationError(fields={"type_code": [_("No such type of document is known.")]})
    return spec


def platform_context(
    *, spec: DocumentType, registry_number: str, issued_at: datetime.datetime, author: User,
    approver: User | None,
) -> dict[str, Any]:  # fmt: skip
    """What every template may use besides its type's own context."""
    return {
        "registry_number": registry_number,
        "issued_on": timezone.localtime(issued_at).date(),
        "author_name": author.full_name,
        "approver_name": approver.full_name if approver else "",
        "document_label": str(spec.label),
    }


def sample_html(*, spec: DocumentType, body: str, actor: User) -> str:
    """The template rendered with the type's synthetic sample (for checks and tests)."""
    return rendering.document_html(body, sample_context(spec, actor))


def refuse_status(spec: DocumentType, html: str, field: str) -> None:
    """A document that leaves the Center may not say the person is a victim of trafficking
    (unless the law requires it: `states_status_lawfully`)."""
    if not spec.addressed_outside or spec.states_status_lawfully:
        return
    phrase = rendering.states_status(html)
    if phrase is not None:
        raise ValidationError(fields={field: [
            _("This document goes outside the Center and must not say that the person is a "
              "victim of trafficking (it says “%(phrase)s”).") % {"phrase": phrase},
        ]})  # fmt: skip


def problem(exc: rendering.TemplateProblem, field: str = "body") -> ValidationError:
    if exc.line:
        message = _("Line %(line)s: %(reason)s") % {"line": exc.line, "reason": exc.reason}
    else:
        message = _("The template cannot be used: %(reason)s") % {"reason": exc.reason}
    return ValidationError(fields={field: [message]})


def _newest(spec: DocumentType, kind: str) -> DocumentTemplate | None:
    return (
        DocumentTemplate.objects.filter(type_code=spec.code, kind=kind).order_by("-version").first()
    )


def current_template(
    spec: DocumentType, actor: User, kind: str = TemplateKind.HTML
) -> DocumentTemplate:
    """The newest version of the kind; the type's default becomes version 1 the first time
    it is used (for DOCX, a plain Word file with the type's `docx_lines`)."""
    current = _newest(spec, kind)
    if current is not None:
        return current
    if kind == TemplateKind.DOCX:
        defaults: dict[str, Any] = {
            "docx": docx.default_template(str(spec.label), spec.docx_lines), "author": actor,
        }  # fmt: skip
    else:
        defaults = {"body": spec.default_template, "author": actor}
    template, created = DocumentTemplate.objects.get_or_create(
        type_code=spec.code, kind=kind, version=1, defaults=defaults
    )
    if created:
        audit_record(action=Action.CREATE, actor=actor, object_type="document_template",
                     object_id=template.pk, purpose=Purpose.CASE_WORK)  # fmt: skip
    return template


def template_save(*, actor: User, type_code: str, body: str) -> DocumentTemplate:
    """Saves an edited template as the type's next version, used for documents issued from
    now on. It is refused, naming the line and the reason, unless it compiles and renders
    with the type's sample."""
    spec = _check_manager(actor, type_code)
    if not body.strip():
        raise ValidationError(fields={"body": [_("Write the template.")]})
    try:
        html = sample_html(spec=spec, body=body, actor=actor)
    except rendering.TemplateProblem as exc:
        raise problem(exc) from None
    refuse_status(spec, html, "body")
    try:
        return _save_version(actor, spec, TemplateKind.HTML, {"body": body})
    except IntegrityError:
        raise Conflict(
            _("Someone saved another version meanwhile. Reload the page and apply your changes.")
        ) from None


def _save_version(
    actor: User, spec: DocumentType, kind: str, values: dict[str, Any]
) -> DocumentTemplate:
    with transaction.atomic(durable=True):
        if _newest(spec, kind) is None:
            current_template(spec, actor, kind)  # the default stays in the history as v1
        last = DocumentTemplate.objects.filter(type_code=spec.code, kind=kind).aggregate(
            n=Max("version")
        )["n"]
        template = DocumentTemplate.objects.create(
            type_code=spec.code, kind=kind, version=(last or 0) + 1, author=actor, **values
        )
        audit_record(action=Action.UPDATE, actor=actor, object_type="document_template",
                     object_id=template.pk, purpose=Purpose.CASE_WORK)  # fmt: skip
        return template


def _check_manager(actor: User, type_code: str) -> DocumentType:
    if not actor.has_perm("documents.manage_templates"):
        raise PermissionDenied(
            object_type="document_template", object_id=known_code(type_code, document_types)
        )
    return document_type(type_code)


def sample_context(spec: DocumentType, actor: User) -> dict[str, Any]:
    now = timezone.now()
    return {
        **spec.sample_context(),
        **platform_context(
            spec=spec, registry_number=f"{SAMPLE_NUMBER}/{timezone.localtime(now).year}",
            issued_at=now, author=actor, approver=actor if spec.needs_approval else None,
        ),
    }  # fmt: skip


def docx_render(spec: DocumentType, template: bytes, context: dict[str, Any], field: str) -> bytes:
    """The filled-in Word file, refused (at `field`) when it cannot be made or when it would
    say, outside the Center, that the person is a victim of trafficking."""
    try:
        data = docx.render(template, context)
    except rendering.TemplateProblem as exc:
        raise problem(exc, field=field) from None
    refuse_status(spec, docx.text_of(data), field)
    return data


def docx_template_save(*, actor: User, type_code: str, data: bytes) -> DocumentTemplate:
    """Saves an uploaded Word template as the type's next DOCX version, used for documents
    issued from now on. It is refused, with the reason, unless it is a plain .docx that
    fills in with the type's sample."""
    spec = _check_manager(actor, type_code)
    if not spec.edited_by_hand:
        raise ValidationError(fields={"docx": [
            _("This type of document is not edited by hand; it has no Word template."),
        ]})  # fmt: skip
    docx_render(spec, data, sample_context(spec, actor), "docx")
    try:
        return _save_version(actor, spec, TemplateKind.DOCX, {"docx": data})
    except IntegrityError:
        raise Conflict(
            _("Someone saved another version meanwhile. Reload the page and apply your changes.")
        ) from None


def docx_template_bytes(*, actor: User, spec: DocumentType) -> bytes:
    """The Word template in use, to download and edit (version 1 is the shipped one)."""
    _check_manager(actor, spec.code)
    newest = _newest(spec, TemplateKind.DOCX)
    if newest is not None:
        return bytes(newest.docx)
    return docx.default_template(str(spec.label), spec.docx_lines)
