"""Written-form specs: what a domain app tells the writtenforms platform about the forms
written on its subjects (registered in its `AppConfig.ready()`).

The platform keeps the forms, their versions, the approval rounds and the specs' later
versions (data the head of service edits); the owning app says what the form is about:
its first sections (version 1 of the spec), who writes and who approves it, how a subject
is found for an actor (the same NotFound for missing and forbidden), where its page is, and
who may not approve it beside its authors (`panel`, the four-eyes hook).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from zastita.core.registries import Registry


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    guidance: str | Promise
    required: bool = False


@dataclass(frozen=True)
class Subject:
    """What the form's page shows of its subject: a code (never a name), the way back, and
    the records a read of the form shows (for the access log: ("person", id), ...)."""

    title: str
    back_url: str
    reads: tuple[tuple[str, int], ...] = ()
    # The way back in words ("Back to the identification"); "Back" when not given.
    back_label: str = ""


def _no_panel(subject_id: int) -> set[int]:
    return set()


def _nothing_lacking(subject_id: int) -> list[str]:
    return []


@dataclass(frozen=True)
class FormSpec:
    """One kind of written form. `sections` and `heading` are version 1 of the spec; the
    head of service edits later versions as data (writtenforms.SpecVersion).

    `subject(actor, subject_id)` returns the subject's `Subject` or raises NotFound (for a
    missing and a forbidden one alike); `page_url(subject_id)` is the form's page, with
    `approve/`, `return/` and `print/` beneath it; `panel(subject_id)` gives the ids of the
    users who may not approve the form beside its authors (a decision's panel);
    `lacking(subject_id)` says what the subject's records miss before the form is
    submitted or approved."""

    code: str
    label: str | Promise
    subject_type: str
    heading: str | Promise
    sections: tuple[Section, ...]
    # The section that must be written before a form is saved by hand or approved.
    key_section: str
    edit_permission: str
    approve_permission: str
    subject: Callable[[Any, int], Subject]
    page_url: Callable[[int], str]
    # Who edits the spec itself (defaults to the approver's permission).
    manage_permission: str = ""
    panel: Callable[[int], set[int]] = field(default=_no_panel)
    # What the subject's own records still lack before the form is submitted or approved
    # (a plan with no goal): messages in the user's language, none when it is complete.
    lacking: Callable[[int], list[str]] = field(default=_nothing_lacking)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(section.key for section in self.sections)

    @property
    def required(self) -> str:
        return self.key_section

    @property
    def manager_permission(self) -> str:
        return self.manage_permission or self.approve_permission


@dataclass(frozen=True)
class Approved:
    """Said to the on-approved callbacks inside the approval's transaction (ids only)."""

    code: str
    subject_type: str
    subject_id: int
    form_id: int
    version: int
    approver_id: int


form_specs = Registry[FormSpec]("written-form specs")
on_approved = Registry[Callable[[Approved], None]]("written-form approval callbacks")


def register(spec: FormSpec) -> FormSpec:
    return form_specs.register(spec.code, spec)
