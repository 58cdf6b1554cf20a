"""Writes for the incoming side of the register: the answer to a document the Center issued
(a provider's account of the support, asked for by form 19) is numbered in the same register
and sequence as the issued documents, with who sent it, when it arrived and what it says
(encrypted), audited in the same transaction."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_lock, audit_record
from zastita.core import crypto
from zastita.core.errors import NotFound, ValidationError
from zastita.core.registries.documents import document_types
from zastita.core.sequences import sequence_next
from zastita.documents.models import Document, IncomingDocument

MAX_SUMMARY = 5_000
MIN_SUMMARY = 10


def summary_of(incoming: IncomingDocument) -> str:
    return crypto.unseal(incoming.summary, "incoming_document", incoming.pk, "summary")


@transaction.atomic(durable=True)
def incoming_record(
    *, actor: User, reply_to: Document, sender: str, received_on: datetime.date | None,
    summary: str,
) -> IncomingDocument:  # fmt: skip
    """Records the answer to `reply_to`: only to a type that asks for one, by who works with
    case data and sees its subject (else not found, as a missing document)."""
    locked = Document.objects.select_for_update().filter(pk=reply_to.pk).first()
    if locked is None or not actor.has_perm("documents.answer", locked):
        raise NotFound(denied=True, object_type="document", object_id=str(reply_to.pk))
    spec = document_types.find(locked.type_code)
    if spec is None or not spec.expects_answer:
        raise ValidationError(_("This document does not ask for an answer."))
    if locked.is_cancelled:
        raise ValidationError(_("This document is cancelled: record the answer on the "
                                "correcting document."))  # fmt: skip
    errors: dict[str, list[str]] = {}
    if not sender.strip():
        errors["sender"] = [_("Say who sent the answer.")]
    issued_on = timezone.localtime(locked.issued_at).date()
    if received_on is None or received_on > timezone.localdate():
        errors["received_on"] = [_("Give the date the answer arrived, not later than today.")]
    elif received_on < issued_on:
        errors["received_on"] = [
            _("The answer cannot arrive before the request was issued (%(date)s).")
            % {"date": issued_on.strftime("%d.%m.%Y")}
        ]
    if len(summary.strip()) < MIN_SUMMARY:
        errors["summary"] = [_("Say in a sentence or two what the answer says.")]
    elif len(summary) > MAX_SUMMARY:
        errors["summary"] = [_("At most %(count)d characters.") % {"count": MAX_SUMMARY}]
    if errors or received_on is None:  # (a missing date is in `errors`)
        raise ValidationError(fields=errors)
    register = locked.register  # the request's register: one деловодник for both sides
    year = received_on.year
    audit_lock()  # the audit chain before the register's number, as when issuing
    incoming = IncomingDocument.objects.create(
        register=register, year=year, number=sequence_next(register=register, year=year),
        reply_to=locked, sender=sender.strip(), received_on=received_on, summary="",
        received_by=actor,
    )  # fmt: skip
    incoming.summary = crypto.seal(summary.strip(), "incoming_document", incoming.pk, "summary")
    incoming.save(update_fields=["summary"])
    audit_record(action=Action.CREATE, actor=actor, object_type="incoming_document",
                 object_id=incoming.pk, purpose=Purpose.CASE_WORK)  # fmt: skip
    return incoming
