"""The current request's id and client address, for audit events and log lines.

Services take the actor explicitly; only these transport facts travel in a context variable.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None


_EMPTY = RequestContext()
_current: ContextVar[RequestContext | None] = ContextVar("zastita_request", default=None)


def current() -> RequestContext:
    return _current.get() or _EMPTY


def set_current(ctx: RequestContext) -> object:
    return _current.set(ctx)


def reset(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
