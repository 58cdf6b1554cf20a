"""Subject access (GDPR art. 15): each app that holds data about a person registers a section
of the data-protection officer's export, naming the models it covers. A test fails when a
model that refers to a person is covered by no section, so a new app cannot forget its part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from zastita.core.registries import Registry


@dataclass
class SectionData:
    """One section's part of the export. Rows hold JSON values (ISO dates, codes), keyed by
    field; `labels` names each field for the PDF; `choices` spells out coded values;
    `audit_objects` are the (object type, id) pairs whose access-log events belong to the
    person's "who processed the data" list."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, str | Promise] = field(default_factory=dict)
    choices: dict[str, dict[str, Any]] = field(default_factory=dict)
    audit_objects: list[tuple[str, str]] = field(default_factory=list)
    # The records of the person's that platform apps act on (("report", 12), …): the
    # documents, written forms and deadlines about them are the person's too.
    subjects: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class SubjectAccessSection:
    """`collect` is given the person's ids (the record and the records merged into it) and
    the subjects the sections before it found (domain sections come first, by `order`; a
    platform section lists what it holds about those subjects). None when the section is
    the export's own frame (the registry)."""

    code: str
    title: str | Promise
    order: int
    models: tuple[str, ...]
    collect: Callable[[list[int], list[tuple[str, int]]], SectionData] | None = None


subject_access_sections: Registry[SubjectAccessSection] = Registry("subject-access sections")


def register(section: SubjectAccessSection) -> SubjectAccessSection:
    return subject_access_sections.register(section.code, section)


def covered_models() -> set[str]:
    return {label for section in subject_access_sections for label in section.models}
