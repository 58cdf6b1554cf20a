"""One mechanism for the read log: every view and API operation declares what it returns.

`@personal_data(...)` wraps a view or API operation in a transaction, lets it name the
records it showed (`note_read`), and records the read in that same transaction before the
response leaves. `@no_personal_data` declares the opposite. A test walks every URL and API
operation and fails on any that declares neither (tests/audit/test_read_coverage.py).
Denials are recorded centrally, where NotFound(denied=True) is turned into a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from zastita.audit.models import Action, Purpose
from zastita.audit.services import Subject, audit_record

F = TypeVar("F", bound=Callable[..., Any])

PERSONAL = "personal"
NONE = "none"


def note_read(request: HttpRequest, object_type: str, object_id: object) -> None:
    """Names one record the response shows, so the access log can answer for it."""
    reads: list[Subject] = getattr(request, "_audit_reads", None) or []
    reads.append(Subject(object_type, str(object_id)))
    request._audit_reads = reads  # type: ignore[attr-defined]


def note_nothing_shown(request: HttpRequest) -> None:
    """Says that this response shows no personal data (an empty search form, no results)."""
    request._audit_nothing_shown = True  # type: ignore[attr-defined]


def _api_key_id(request: HttpRequest) -> int | None:
    key = getattr(request, "api_key", None)
    return key.pk if key is not None else None


def _record(
    request: HttpRequest, object_type: str, purpose: Purpose, action: Action = Action.VIEW
) -> None:
    noted = getattr(request, "_audit_reads", None)
    if not noted and getattr(request, "_audit_nothing_shown", False):
        return
    subjects = noted or [Subject(object_type)]
    audit_record(
        action=action,
        actor=getattr(request, "user", None),
        subjects=subjects,
        purpose=purpose,
        api_key_id=_api_key_id(request),
    )


def _call(view: Callable[..., Any], request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
    result = view(request, *args, **kwargs)
    render = getattr(result, "render", None)
    if render is not None and not getattr(result, "is_rendered", True):
        render()
    return result


def _shown(result: object) -> bool:
    """True when the response carries content: a page, or an API operation's data."""
    if isinstance(result, HttpResponse):
        # Pages with content: success, and forms shown again with errors or a conflict.
        return 200 <= result.status_code < 300 or result.status_code in (400, 409, 422)
    return True


def personal_data(
    object_type: str, *, purpose: Purpose = Purpose.CASE_WORK, action: Action = Action.VIEW
) -> Callable[[F], F]:
    """`action` is VIEW for pages; EXPORT or PRINT for downloads of personal data."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            request._audit_reads = []  # type: ignore[attr-defined]
            if request.method not in ("GET", "HEAD"):
                # A write runs its own durable service transaction; a page it renders back
                # (a form with errors) is recorded right after, before it is sent.
                result = _call(view, request, *args, **kwargs)
                if _shown(result):
                    with transaction.atomic():
                        _record(request, object_type, purpose, action)
                return result
            with transaction.atomic():
                result = _call(view, request, *args, **kwargs)
                if _shown(result):
                    _record(request, object_type, purpose, action)
                return result

        wrapped.zastita_data = PERSONAL  # type: ignore[attr-defined]
        wrapped.zastita_object_type = object_type  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def no_personal_data[F: Callable[..., Any]](view: F) -> F:
    view.zastita_data = NONE  # type: ignore[attr-defined]
    return view
