"""Reads of drafts: only ever the actor's own, never expired ones."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from zastita.core.crypto import keyring
from zastita.drafts.models import FormDraft

if TYPE_CHECKING:
    from zastita.accounts.models import User


@dataclass(frozen=True)
class Draft:
    id: int
    page_path: str
    form_key: str
    title: str
    fields: list[tuple[str, str]]
    saved_at: datetime.datetime
    expires_at: datetime.datetime


def _own(user: User) -> QuerySet[FormDraft]:
    return FormDraft.objects.filter(
        user_id=user.pk,
        expires_at__gt=timezone.now(),
    )


def _open(row: FormDraft, *, with_fields: bool) -> Draft:
    ring = keyring()
    context = row.context()
    fields = json.loads(ring.decrypt(row.data_ciphertext, context=context)) if with_fields else []
    return Draft(
        id=row.pk,
        page_path=row.page_path,
        form_key=row.form_key,
        title=ring.decrypt(row.title_ciphertext, context=context),
        fields=[(str(name), str(value)) for name, value in fields],
        saved_at=row.updated_at,
        expires_at=row.expires_at,
    )


def drafts_for_page(*, user: User, page_path: str) -> list[Draft]:
    rows = _own(user).filter(page_path=page_path).order_by("form_key")
    return [_open(row, with_fields=True) for row in rows]


def drafts_of_user(*, user: User) -> list[Draft]:
    rows = _own(user).order_by("-updated_at")
    return [_open(row, with_fields=False) for row in rows]
