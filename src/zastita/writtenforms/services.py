"""Writes for written forms: a save is a new version (a stale one is a conflict), the
approver approves the version read or returns it with comments, and the head of service
saves a new version of a spec once it is checked. Each is audited in its transaction."""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.concurrency import check_version
from zastita.core.crypto import keyring
from zastita.core.errors import Conflict, PermissionDenied, ValidationError, known_code
from zastita.core.registries.writtenforms import Approved, FormSpec, form_specs, on_approved
from zastita.writtenforms.models import (
    FormReview,
    FormStatus,
    FormVersion,
    ReviewOutcome,
    SpecVersion,
    WrittenForm,
)
from zastita.writtenforms.selectors import (
    review_context,
    spec_get,
    spec_in_use,
    version_context,
    version_text,
)
from zastita.writtenforms.specs import SpecError, parse, render

MAX_SECTION = 50_000
MAX_COMMENTS = 10_000


def _audit(actor: User, action: Action, object_type: str, object_id: int,
           purpose: Purpose = Purpose.CASE_WORK) -> None:  # fmt: skip
    audit_record(action=action, actor=actor, object_type=object_type, object_id=object_id,
                 purpose=purpose)  # fmt: skip


def _spec_v1(spec: FormSpec) -> SpecVersion:
    """Version 1 of a spec, saved from the registered one if nobody saved it yet."""
    text = render(spec)
    row, _created = SpecVersion.objects.get_or_create(
        code=spec.code, number=1,
        defaults={"text": text, "digest": hashlib.sha256(text.encode()).hexdigest(),
                  "comment": "version 1"},
    )  # fmt: skip
    return row


def _locked_form(form: WrittenForm) -> WrittenForm:
    return WrittenForm.objects.select_for_update().get(pk=form.pk)


def _latest(form: WrittenForm) -> FormVersion | None:
    return form.versions.order_by("-number").first()


def _missing_required(spec_code: str, version: FormVersion) -> bool:
    from zastita.writtenforms.selectors import spec_at

    parsed = spec_at(spec_code, version.spec_version)
    text = version_text(version)
    return any(not text.get(key, "").strip() for key in parsed.required_keys())


@transaction.atomic(durable=True)
def form_save(
    *, actor: User, code: str, subject_id: int, sections: dict[str, str], base_version: int,
    autosave: bool = False,
) -> FormVersion:  # fmt: skip
    """Saves a form's text as a new version: see `form_save_within`, in its own
    transaction."""
    return form_save_within(actor=actor, code=code, subject_id=subject_id, sections=sections,
                            base_version=base_version, autosave=autosave)  # fmt: skip


def form_save_within(
    *, actor: User, code: str, subject_id: int, sections: dict[str, str], base_version: int,
    autosave: bool = False,
) -> FormVersion:  # fmt: skip
    """Saves a form's text as a new version (every version is kept), under the spec in use.
    `base_version` is the one the editor started from (0 for none): if someone saved since,
    it is a conflict and the caller keeps what was typed. An autosaved draft may be
    incomplete; one saved by hand needs its required sections, and is submitted for
    approval (resubmitted, after a return)."""
    spec = spec_get(code)
    if not actor.has_perm(spec.edit_permission):
        raise PermissionDenied(object_type=spec.subject_type, object_id=str(subject_id))
    spec.subject(actor, subject_id)  # NotFound for a subject the actor may not see
    _spec_v1(spec)
    number, parsed = spec_in_use(code)
    if set(sections) - set(parsed.keys):
        raise ValidationError(fields={"__all__": [_("Unknown sections.")]})
    if any(len(text) > MAX_SECTION for text in sections.values()):
        raise ValidationError(fields={"__all__": [_("A section is too long.")]})
    form, _created = WrittenForm.objects.get_or_create(
        code=code, subject_type=spec.subject_type, subject_id=subject_id
    )
    form = _locked_form(form)
    if form.approved_at is not None:
        raise ValidationError(fields={"__all__": [_("An approved form is no longer edited.")]})
    latest = _latest(form)
    check_version(latest.number if latest else 0, base_version)
    if not autosave:
        shown = parsed.shown()
        missing = {
            s.key: [_("Write the section “%(section)s”.") % {"section": s.label}]
            for s in shown.sections
            if s.key in parsed.required_keys() and not sections.get(s.key, "").strip()
        }
        if missing:
            raise ValidationError(fields=missing)
        lacking = spec.lacking(subject_id)
        if lacking:
            raise ValidationError(fields={"__all__": lacking})
    version = FormVersion.objects.create(
        form=form, number=base_version + 1, spec_version=number, autosaved=autosave,
        saved_by=actor, saved_at=timezone.now(), sections="",
    )  # fmt: skip
    text = json.dumps({k: sections.get(k, "") for k in parsed.keys}, ensure_ascii=False)
    version.sections = keyring().encrypt(text, context=version_context(form.pk, version.number))
    version.save(update_fields=["sections"])
    if not autosave:
        form.status = FormStatus.SUBMITTED
    form.save(update_fields=["status", "updated_at"])
    _audit(actor, Action.UPDATE, "written_form", form.pk)
    return version


def _check_review(actor: User, form: WrittenForm, version: int) -> tuple[FormSpec, FormVersion]:
    spec = spec_get(form.code)
    if not actor.has_perm(spec.approve_permission):
        raise PermissionDenied(object_type="written_form", object_id=str(form.pk))
    spec.subject(actor, form.subject_id)
    latest = _latest(form)
    newer = _("A newer version was saved: read it, then approve it.")
    if latest is None:
        raise Conflict(newer)
    check_version(latest.number, version, newer)
    if form.approved_at is not None:
        raise ValidationError(fields={"__all__": [_("This form is already approved.")]})
    if latest.autosaved or _missing_required(form.code, latest):
        # A draft the page saved by itself may be half-typed: only a version its author
        # saved, with its required sections written, is approved or returned.
        raise ValidationError(fields={"__all__": [_(
            "This version is a draft saved automatically: its author saves the form first."
        )]})  # fmt: skip
    lacking = spec.lacking(form.subject_id)
    if lacking:
        raise ValidationError(fields={"__all__": lacking})
    return spec, latest


@transaction.atomic(durable=True)
def form_approve(*, actor: User, form: WrittenForm, version: int) -> WrittenForm:
    """The approver approves the version they read (not a later one). Four eyes: nobody who
    wrote a version of the form, nor anyone on the subject's panel (the spec's hook),
    approves it. The on-approved callbacks run inside the approval's transaction (a closure's
    closes its case): what they refuse, the approval refuses."""
    form = _locked_form(form)
    spec, _latest_version = _check_review(actor, form, version)
    authors = set(form.versions.values_list("saved_by_id", flat=True))
    if actor.pk in authors or actor.pk in spec.panel(form.subject_id):
        raise ValidationError(fields={"__all__": [_(
            "You wrote this form or sit on the panel: another person approves it."
        )]})  # fmt: skip
    now = timezone.now()
    form.approved_version, form.approved_by, form.approved_at = version, actor, now
    form.status = FormStatus.APPROVED
    form.save(update_fields=["approved_version", "approved_by", "approved_at", "status",
                             "updated_at"])  # fmt: skip
    FormReview.objects.create(form=form, version=version, outcome=ReviewOutcome.APPROVED,
                              reviewer=actor, reviewed_at=now)  # fmt: skip
    _audit(actor, Action.TRANSITION, "written_form", form.pk, Purpose.SUPERVISION)
    said = Approved(code=form.code, subject_type=form.subject_type, subject_id=form.subject_id,
                    form_id=form.pk, version=version, approver_id=actor.pk)  # fmt: skip
    # Inside the approval's transaction: what a callback does (the documents platform issues
    # the approved version) stands or falls with the approval, never half of it.
    for callback in on_approved:
        callback(said)
    return form


@transaction.atomic(durable=True)
def form_return(*, actor: User, form: WrittenForm, version: int, comments: str) -> FormReview:
    """The approver returns the version they read with comments (encrypted, kept, shown to
    the author), who revises and saves it again."""
    if len(comments.strip()) < 5:
        raise ValidationError(fields={"comments": [_("Say what is to be revised.")]})
    if len(comments) > MAX_COMMENTS:
        raise ValidationError(fields={"comments": [_("The comments are too long.")]})
    form = _locked_form(form)
    _check_review(actor, form, version)
    if form.status == FormStatus.RETURNED:
        raise ValidationError(fields={"__all__": [_("This version is already returned.")]})
    review = FormReview.objects.create(form=form, version=version,
                                       outcome=ReviewOutcome.RETURNED, reviewer=actor,
                                       reviewed_at=timezone.now())  # fmt: skip
    review.comments = keyring().encrypt(comments.strip(), context=review_context(review.pk))
    review.save(update_fields=["comments"])
    form.status = FormStatus.RETURNED
    form.save(update_fields=["status", "updated_at"])
    _audit(actor, Action.TRANSITION, "written_form", form.pk, Purpose.SUPERVISION)
    return review


@transaction.atomic(durable=True)
def spec_version_save(*, actor: User, code: str, text: str, comment: str) -> SpecVersion:
    """Saves an edited spec as its next version, in use from now on; refused, with the
    line and the reason, if it cannot be read. Forms already written keep the version
    they were written under."""
    spec = spec_get(code)
    if not actor.has_perm(spec.manager_permission):
        raise PermissionDenied(
            object_type="written_form_spec", object_id=known_code(code, form_specs)
        )
    errors: dict[str, list[str]] = {}
    try:
        parse(text)
    except SpecError as exc:
        errors["text"] = [_("Line %(line)s: %(reason)s") % {"line": exc.line, "reason": exc.reason}]
    if len(comment.strip()) < 5:
        errors["comment"] = [_("Say what changed.")]
    if errors:
        raise ValidationError(fields=errors)
    _spec_v1(spec)
    last = SpecVersion.objects.select_for_update().filter(code=code).order_by("-number").first()
    version = SpecVersion.objects.create(
        code=code, number=(last.number if last else 0) + 1, text=text, comment=comment.strip(),
        digest=hashlib.sha256(text.encode()).hexdigest(), created_by=actor,
    )  # fmt: skip
    _audit(actor, Action.UPDATE, "written_form_spec", version.pk, Purpose.ADMINISTRATION)
    return version
