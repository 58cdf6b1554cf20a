"""Break-the-glass: a worker opens a record outside their scope with a stated reason.

The reason is chosen from a list and explained in the worker's words (encrypted). The
opening is recorded as a disclosure in the audit trail, kept as a row the head of service
sees on a page, and told to every head of service. The grant is for the rest of the
worker's session (kept in the session, put on the user by `GlassGrantsMiddleware`). Children's
and sealed files keep their own step, the reason to reveal the name, on top of this.

A reason stated for a record that does not exist is refused as "not found", exactly as the
record's own page refuses it, so the form tells nobody which records exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from zastita.accounts.capabilities import Capability
from zastita.accounts.models import User
from zastita.assignments.models import GlassAccess, GlassReason
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.crypto import seal, unseal
from zastita.core.errors import NotFound, PermissionDenied, ValidationError, known_code
from zastita.core.paging import Page, Pager, first_page
from zastita.core.registries.scopes import GRANTS_ATTR, ScopedType, grant_key, scoped_types
from zastita.notifications.public import notify

SESSION_KEY = "zastita.glass"
KIND = "assignments.glass"
SUBJECT = "glass_access"
MIN_EXPLANATION = 10


def scoped(subject_type: str) -> ScopedType:
    spec = scoped_types.find(subject_type)
    if spec is None:
        raise NotFound(denied=True, object_type="glass_access",
                       object_id=known_code(subject_type, scoped_types))  # fmt: skip
    return spec


def may_break_glass(actor: Any, spec: ScopedType) -> bool:
    """Who may read records of the type at all (a worker, not the analyst or a partner),
    and has a scope to step out of (not the head of service or the director, who see every
    record: the director writes nothing, not even an opening)."""
    return bool(actor.has_perm(spec.read_perm)) and spec.scope(actor) != Q()


def in_scope(actor: Any, spec: ScopedType, subject_id: int) -> bool:
    return spec.model._default_manager.filter(spec.scope(actor), pk=subject_id).exists()


def _check(reason: str, explanation: str, subject_id: int | None, reference: str) -> None:
    errors: dict[str, list[str]] = {}
    if subject_id is None and not reference.strip():
        errors["reference"] = [_("Give the record's number or code.")]
    if reason not in GlassReason.values:
        errors["reason"] = [_("Choose why you open this record.")]
    if len(explanation.strip()) < MIN_EXPLANATION:
        errors["explanation"] = [
            _("Say why in at least %(count)d characters.") % {"count": MIN_EXPLANATION}
        ]
    if errors:
        raise ValidationError(fields=errors)


def _heads() -> list[User]:
    users = User.objects.filter(is_active=True).prefetch_related("roles")
    return [u for u in users if u.has_capability(Capability.CASES_COORDINATE)]


@transaction.atomic(durable=True)
def glass_open(
    *, actor: User, subject_type: str, subject_id: int | None, reference: str = "",
    reason: str, explanation: str,
) -> GlassAccess:  # fmt: skip
    """Records the opening and returns it; the caller adds the grant to the session. The
    record is named by its id, or by a typed reference (a report's number, a person's
    code). A missing record is "not found" after the reason is checked, as a forbidden one
    would be before it."""
    spec = scoped(subject_type)
    if not may_break_glass(actor, spec):
        raise PermissionDenied(object_type=spec.code, object_id=str(subject_id or ""))
    _check(reason, explanation, subject_id, reference)
    pk = subject_id if subject_id is not None else spec.lookup(reference)
    if pk is None or not spec.model._default_manager.filter(pk=pk).exists():
        raise NotFound(denied=True, object_type=spec.code, object_id=str(subject_id or ""))
    row = GlassAccess.objects.create(
        actor=actor, subject_type=spec.code, subject_id=pk, reason=reason
    )
    row.explanation = seal(explanation.strip(), SUBJECT, row.pk, "explanation")
    row.save(update_fields=["explanation"])
    audit_record(action=Action.DISCLOSE, actor=actor, object_type=spec.code, object_id=pk,
                 purpose=Purpose.BREAK_GLASS)  # fmt: skip
    heads = [u for u in _heads() if u.pk != actor.pk]
    if heads:
        notify(kind=KIND, subject_type=SUBJECT, subject_id=row.pk, recipients=heads)
    return row


def grant(request: HttpRequest, access: GlassAccess) -> None:
    """The opened record stays open to the worker for the rest of the session. The grants
    name the worker they were given to, and count for nobody else."""
    grants = _grants(request.session.get(SESSION_KEY), access.actor_id)
    key = grant_key(access.subject_type, access.subject_id)
    if key not in grants:
        grants.append(key)
    request.session[SESSION_KEY] = {"user": access.actor_id, "grants": grants}
    setattr(request.user, GRANTS_ATTR, frozenset(grants))


def _grants(stored: Any, user_id: int) -> list[str]:
    """The session's grants if they were given to `user_id`, else none."""
    if not isinstance(stored, dict) or stored.get("user") != user_id:
        return []
    return [str(key) for key in stored.get("grants", [])]


class GlassGrantsMiddleware:
    """Puts the session's break-the-glass grants on the signed-in user, for the scope rules
    (`core.registries.scopes.granted`). No query: they are in the session."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        session = getattr(request, "session", None)
        stored = session.get(SESSION_KEY) if session is not None else None
        if stored and request.user.is_authenticated:
            grants = _grants(stored, request.user.pk)
            if grants:
                setattr(request.user, GRANTS_ATTR, frozenset(grants))
        return self.get_response(request)


# --- the head of service's page ---


def glass_list(*, actor: User, pager: Pager | None = None) -> Page[GlassAccess]:
    """Every opening with a stated reason, newest first, a page at a time: who, which
    record (its number or code), why, and the explanation (decrypted for the page)."""
    if not actor.has_perm("assignments.review_glass"):
        raise PermissionDenied(object_type="glass_access_list")
    qs = GlassAccess.objects.select_related("actor")
    page = (pager or first_page(50))(qs, ("-created_at", "-pk"))
    for row in page.rows:
        spec = scoped_types.find(row.subject_type)
        row.text = unseal(row.explanation, SUBJECT, row.pk, "explanation")  # type: ignore[attr-defined]
        row.record_label = str(spec.label) if spec else ""  # type: ignore[attr-defined]
        row.reference = spec.reference(row.subject_id) if spec else ""  # type: ignore[attr-defined]
        row.link = spec.link(row.subject_id) if spec else ""  # type: ignore[attr-defined]
    return page
