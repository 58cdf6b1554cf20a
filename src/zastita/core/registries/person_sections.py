"""The person's page: each app that keeps records about a person registers a section of it
(the person's reports, their identifications, and later cases, plans and the Shelter). The
people app sits below those apps and never imports them: it asks this registry.

A section's `collect` is given the viewer and the person's ids (the record and the records
merged into it). It returns only what the viewer may see: each app loads its records through
its own actor-scoped selectors and leaves out those that are "not found" for this viewer.
The page records a read of every item it shows (`PersonItem.audit`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from zastita.core.registries import Registry


@dataclass(frozen=True)
class ItemLink:
    """A record hanging from an item (an official document about it): a link and its status."""

    label: str
    url: str
    status: str | Promise = ""


@dataclass(frozen=True)
class PersonItem:
    """One record about the person: what it is (a number, never a name), where its page is,
    its status in words, an optional line more (the decision in force), the records hanging
    from it, and the (object type, id) pairs whose reads the page records."""

    label: str | Promise
    url: str
    status: str | Promise
    detail: str | Promise = ""
    links: tuple[ItemLink, ...] = ()
    audit: tuple[tuple[str, int], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PersonSection:
    code: str
    title: str | Promise
    order: int
    collect: Callable[[Any, list[int]], list[PersonItem]]
    # Shown when the section has nothing the viewer may see.
    empty: str | Promise = ""


person_sections: Registry[PersonSection] = Registry("person page sections")


def register(section: PersonSection) -> PersonSection:
    return person_sections.register(section.code, section)


def sections_for(actor: Any, person_ids: list[int]) -> list[tuple[PersonSection, list[PersonItem]]]:
    """Every registered section, in order, with the items the actor may see."""
    ordered = sorted(person_sections, key=lambda s: s.order)
    return [(section, section.collect(actor, person_ids)) for section in ordered]
