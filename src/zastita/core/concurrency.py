"""Optimistic concurrency (ARCHITECTURE.md §3.7): records edited by several people carry a
version, and a write based on a version someone has since replaced is refused with a clear
conflict (HTTP 409 in the API), never saved over the newer one."""

from __future__ import annotations

from zastita.core.errors import Conflict


def check_version(current: int, submitted: int | None, message: str | None = None) -> None:
    """Refuses a write made from `submitted` when the record is now at `current`. `None`
    means the caller sent no version (an API client that does not use them): nothing to
    compare. Call it on the row locked for update, so that no write slips in between."""
    if submitted is not None and submitted != current:
        raise Conflict(message)
