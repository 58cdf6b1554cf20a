"""A toy owning app for the platform's tests: a form spec on subjects of type "toy", mounted
under /toy/<id>/forms/<kind>/ (tests.writtenforms.urls), with no change to the platform."""

from __future__ import annotations

from typing import Any

from zastita.core.errors import NotFound
from zastita.writtenforms.public import FormSpec, Section, Subject

TOY_CODE = "toy_note"
VISIBLE = {1, 2}
# The users who may not approve a toy's form beside its authors (set by a test).
PANEL: set[int] = set()


def subject(actor: Any, subject_id: int) -> Subject:
    if subject_id not in VISIBLE or not actor.has_perm("identification.view"):
        raise NotFound(object_type="toy", object_id=str(subject_id))
    return Subject(title=f"TOY-{subject_id}", back_url="/", reads=(("toy", subject_id),))


def page_url(subject_id: int) -> str:
    return f"/toy/{subject_id}/forms/{TOY_CODE}/"


def panel(subject_id: int) -> set[int]:
    return set(PANEL)


SPEC = FormSpec(
    code=TOY_CODE,
    label="toy note",
    subject_type="toy",
    heading="TOY NOTE",
    sections=(
        Section("seen", "What was seen", "Only what was seen, not what was guessed."),
        Section("plan", "Plan", "What happens next.", required=True),
    ),
    key_section="plan",
    edit_permission="identification.assess",
    approve_permission="identification.approve",
    manage_permission="identification.manage_rules",
    subject=subject,
    page_url=page_url,
    panel=panel,
)
