"""Writes of drafts: save (one row per user and form, replaced on each save), discard, purge.

Draft saves are not audit events: a draft is the author's own typing, readable by nobody
else, and saved every few seconds while they type. What is audited is what becomes of it:
the submitted record (by the service that creates it) and the purge of expired drafts.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.crypto import keyring
from zastita.core.errors import NotFound, ValidationError
from zastita.drafts.models import FormDraft

MAX_FIELDS = 300
MAX_VALUE_CHARS = 100_000
MAX_TOTAL_CHARS = 400_000
MAX_TITLE_CHARS = 200

_KEY = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
_NAME = re.compile(r"^[A-Za-z0-9_.\[\]-]{1,100}$")
# Never kept, whatever the page sends: secrets and the CSRF token.
_SECRET_NAMES = re.compile(
    r"(password|passwd|secret|token|otp|csrf|recovery|activation|^code$|api_key)", re.I
)
# Pages whose forms are never drafted: signing in, second factor, passwords, keys.
_NO_DRAFT_PREFIXES = (
    "/login", "/logout", "/mfa", "/password", "/activation", "/api/", "/session/", "/drafts/"
)  # fmt: skip

if TYPE_CHECKING:
    from zastita.accounts.models import User


@dataclass(frozen=True)
class DraftInput:
    page_path: str
    form_key: str
    action_path: str
    title: str
    fields: list[tuple[str, str]]


def _valid_path(path: str) -> bool:
    if not path.startswith("/") or len(path) > 255 or "?" in path or "#" in path:
        return False
    if path.startswith(_NO_DRAFT_PREFIXES):
        return False
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def draft_input_from_json(raw: bytes) -> DraftInput:
    """Parses and checks what the page sent; anything malformed is refused as a whole."""
    invalid = ValidationError(_("The draft could not be saved."))
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise invalid from exc
    if not isinstance(data, dict):
        raise invalid
    page, key, action = data.get("page"), data.get("form"), data.get("action") or data.get("page")
    title, fields = data.get("title") or "", data.get("fields")
    if not (isinstance(page, str) and isinstance(action, str) and isinstance(key, str)):
        raise invalid
    if not (_valid_path(page) and _valid_path(action) and _KEY.match(key)):
        raise invalid
    if not isinstance(title, str) or not isinstance(fields, list) or len(fields) > MAX_FIELDS:
        raise invalid
    kept: list[tuple[str, str]] = []
    total = 0
    for item in fields:
        if not (isinstance(item, list) and len(item) == 2):
            raise invalid
        name, value = item
        if not (isinstance(name, str) and isinstance(value, str) and _NAME.match(name)):
            raise invalid
        if "\x00" in value or len(value) > MAX_VALUE_CHARS:
            raise invalid
        if _SECRET_NAMES.search(name):
            continue
        total += len(value)
        kept.append((name, value))
    if total > MAX_TOTAL_CHARS:
        raise invalid
    return DraftInput(
        page_path=page,
        form_key=key,
        action_path=action,
        title=title.replace("\x00", "")[:MAX_TITLE_CHARS],
        fields=kept,
    )


def _expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.ZASTITA_DRAFT_DAYS)


@transaction.atomic
def draft_save(*, user: User, draft: DraftInput) -> FormDraft | None:
    """Keeps the latest state of one form for its author; an empty form keeps no draft."""
    user_id = user.pk
    if not any(value.strip() for _name, value in draft.fields):
        FormDraft.objects.filter(
            user_id=user_id, page_path=draft.page_path, form_key=draft.form_key
        ).delete()
        return None
    row = (
        FormDraft.objects.select_for_update()
        .filter(user_id=user_id, page_path=draft.page_path, form_key=draft.form_key)
        .first()
    )
    if row is None:
        row = FormDraft(user_id=user_id, page_path=draft.page_path, form_key=draft.form_key)
    ring = keyring()
    context = row.context()
    row.action_path = draft.action_path
    row.title_ciphertext = ring.encrypt(draft.title, context=context)
    row.data_ciphertext = ring.encrypt(json.dumps(draft.fields), context=context)
    row.expires_at = _expiry()
    row.save()
    return row


def draft_discard(*, user: User, draft_id: int) -> None:
    deleted, _rows = FormDraft.objects.filter(
        pk=draft_id,
        user_id=user.pk,
    ).delete()
    if not deleted:
        raise NotFound(object_type="draft", object_id=str(draft_id))


def drafts_discard_submitted(*, user: User, action_path: str) -> int:
    """The form was submitted and accepted: what it held is now a record, or was refused
    by the user's own choice; the draft goes."""
    deleted, _rows = FormDraft.objects.filter(
        user_id=user.pk,
        action_path=action_path,
    ).delete()
    return deleted


@transaction.atomic
def drafts_purge_expired() -> int:
    """Removes expired drafts (the worker's periodic pass); audited as a count."""
    deleted, _rows = FormDraft.objects.filter(expires_at__lte=timezone.now()).delete()
    if deleted:
        audit_record(
            action=Action.ERASE,
            actor=None,
            object_type="draft",
            object_id=str(deleted),
            purpose=Purpose.DATA_PROTECTION,
            reason_ref="expired",
        )
    return deleted


def drafts_expired_job() -> dict[str, int]:
    """The worker's periodic job: expired drafts go, now and then."""
    return {"drafts_expired": drafts_purge_expired()}
