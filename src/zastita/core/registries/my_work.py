"""The "My work" page (the professional worker's own page): each app that gives a worker something
to do registers a section of it (their reports and identifications by next deadline, the
forms returned to them, their drafts, what awaits a head's approval, their unread notices).
The site renders the page and never imports those apps: it asks this registry.

A section's `collect(actor, limit)` returns at most `limit + 1` rows the actor may see (the
extra row tells the page there are more, and `more_url` is then shown). Each app reads its
records through its own queries, in a fixed number of them whatever the number of rows.
Rows hold numbers, codes, statuses and links, never a protected person's name.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from zastita.core.registries import Registry

LIMIT = 50


@dataclass(frozen=True)
class WorkRow:
    """One thing to do: what it is (a number), where, its status, and the next running
    deadline on it (its kind in words and when it is due), if any."""

    label: str | Promise
    url: str
    status: str | Promise = ""
    due_at: datetime.datetime | None = None
    due_kind: str | Promise = ""
    detail: str | Promise = ""


@dataclass(frozen=True)
class WorkSection:
    code: str
    title: str | Promise
    order: int
    collect: Callable[[Any, int], list[WorkRow]]
    # Shown when the section has nothing for this actor; a section with no `empty` text is
    # left out when empty (a head's approvals, for a worker who approves nothing).
    empty: str | Promise = ""
    # The full, filtered list, linked when there are more rows than the page shows.
    more_url: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class ShownSection:
    section: WorkSection
    rows: list[WorkRow]
    more: str


my_work_sections: Registry[WorkSection] = Registry("my work sections")


def register(section: WorkSection) -> WorkSection:
    return my_work_sections.register(section.code, section)


def by_deadline(rows: list[WorkRow]) -> list[WorkRow]:
    """The soonest running deadline first; rows without one after them, in their order."""
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(rows, key=lambda r: r.due_at or far)


def sections_for(actor: Any, limit: int = LIMIT) -> list[ShownSection]:
    """Every registered section, in order, with at most `limit` rows and the link to the
    rest when there are more; sections with nothing and no `empty` text are left out."""
    shown = []
    for section in sorted(my_work_sections, key=lambda s: s.order):
        rows = section.collect(actor, limit)
        more = section.more_url(actor) if section.more_url and len(rows) > limit else ""
        if not rows and not section.empty:
            continue
        shown.append(ShownSection(section, rows[:limit], more))
    return shown


def assigned_or_shared(actor: Any) -> Any:
    """The filter of the records (carrying `accounts.models.Assigned`) that the actor is
    assigned to or shares as a co-worker."""
    from django.db.models import Q

    return Q(assigned_to=actor) | Q(coworkers=actor)
