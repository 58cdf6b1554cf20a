"""Reads for written forms: the spec in use and earlier ones, a subject's form, a version's
text and a review's comments decrypted in memory, and the history of the approval rounds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _lazy

from zastita.core import crypto
from zastita.core.crypto import keyring
from zastita.core.errors import NotFound, known_code
from zastita.core.registries.writtenforms import FormSpec, form_specs
from zastita.writtenforms.models import (
    FormReview,
    FormVersion,
    ReviewOutcome,
    SpecVersion,
    WrittenForm,
)
from zastita.writtenforms.specs import ParsedSpec, parse, render


def version_context(form_id: int, number: int) -> bytes:
    """The associated data of a version's text: it names this app's record, so a text
    copied onto another form or version does not decrypt."""
    return crypto.record_context("writtenforms", "form", form_id, f"v{number}")


def review_context(review_id: int) -> bytes:
    return crypto.record_context("writtenforms", "review", review_id)


def spec_get(code: str) -> FormSpec:
    """The registered spec, or NotFound (an unknown form is a missing page)."""
    spec = form_specs.find(code)
    if spec is None:
        raise NotFound(object_type="written_form", object_id=known_code(code, form_specs))
    return spec


def spec_in_use(code: str) -> tuple[int, ParsedSpec]:
    """The newest version of a spec and its number; version 1 is the registered one until
    it is saved (seeded by the owning app's migration, or at the first save)."""
    row = SpecVersion.objects.filter(code=code).order_by("-number").first()
    if row is None:
        return 1, parse(render(spec_get(code)))
    return row.number, parse(row.text)


def spec_at(code: str, number: int) -> ParsedSpec:
    row = SpecVersion.objects.filter(code=code, number=number).first()
    if row is None:
        return spec_in_use(code)[1]
    return parse(row.text)


def spec_versions(code: str) -> list[SpecVersion]:
    return list(SpecVersion.objects.filter(code=code).select_related("created_by"))


def form_for_subject(code: str, subject_id: int) -> WrittenForm | None:
    spec = spec_get(code)
    return (
        WrittenForm.objects.select_related("approved_by")
        .filter(code=code, subject_type=spec.subject_type, subject_id=subject_id)
        .first()
    )


def forms_of(subject_type: str, subject_id: int) -> dict[str, WrittenForm]:
    """A subject's forms by spec code, each with `latest` (its newest version's number)."""
    from django.db.models import Max

    rows = WrittenForm.objects.filter(subject_type=subject_type, subject_id=subject_id)
    return {f.code: f for f in rows.annotate(latest=Max("versions__number"))}


def approved_counts(subject_type: str, subject_ids: list[int]) -> dict[int, int]:
    """How many forms of each subject are approved (for a worklist; nothing decrypted)."""
    from django.db.models import Count

    rows = (
        WrittenForm.objects.filter(
            subject_type=subject_type, subject_id__in=subject_ids, approved_at__isnull=False
        )
        .values("subject_id")
        .annotate(n=Count("pk"))
    )
    return {row["subject_id"]: row["n"] for row in rows}


def version_text(version: FormVersion) -> dict[str, str]:
    if not version.sections:
        return {}
    raw = keyring().decrypt(
        version.sections, context=version_context(version.form_id, version.number)
    )
    return dict(json.loads(raw)) if raw else {}


def review_comments(review: FormReview) -> str:
    if not review.comments:
        return ""
    return keyring().decrypt(review.comments, context=review_context(review.pk))


def latest_version(form: WrittenForm | None) -> FormVersion | None:
    if form is None:
        return None
    return form.versions.select_related("saved_by").order_by("-number").first()


def approved_text(form: WrittenForm) -> dict[str, str] | None:
    if form.approved_version is None:
        return None
    return version_text(form.versions.get(number=form.approved_version))


EVENTS = {
    "autosaved": _lazy("draft saved automatically"),
    "submitted": _lazy("submitted"),
    "saved": _lazy("saved again"),
    "returned": _lazy("returned with comments"),
    "resubmitted": _lazy("resubmitted"),
    "approved": _lazy("approved"),
}


@dataclass(frozen=True)
class Round:
    """One line of the form's history: submitted, returned with comments, resubmitted,
    approved (and the drafts saved automatically between them)."""

    at: Any
    who: Any
    event: str
    version: int
    comments: str = ""

    @property
    def what(self) -> str:
        return str(EVENTS[self.event])


def history(form: WrittenForm | None) -> list[Round]:
    if form is None:
        return []
    versions = list(form.versions.select_related("saved_by").order_by("number"))
    reviews = list(form.reviews.select_related("reviewer").order_by("pk"))
    events: list[tuple[Any, int, FormVersion | FormReview]] = [(v.saved_at, 0, v) for v in versions]
    events += [(r.reviewed_at, 1, r) for r in reviews]
    rows: list[Round] = []
    returned = submitted = False
    for _at, _order, item in sorted(events, key=lambda e: (e[0], e[1])):
        if isinstance(item, FormVersion):
            if item.autosaved:
                event = "autosaved"
            elif returned:
                event, returned = "resubmitted", False
            elif submitted:
                event = "saved"
            else:
                event, submitted = "submitted", True
            rows.append(Round(item.saved_at, item.saved_by, event, item.number))
        elif item.outcome == ReviewOutcome.RETURNED:
            returned = True
            rows.append(Round(item.reviewed_at, item.reviewer, "returned", item.version,
                              review_comments(item)))  # fmt: skip
        else:
            rows.append(Round(item.reviewed_at, item.reviewer, "approved", item.version))
    return rows


def issued_text(form_id: int, number: int) -> dict[str, Any]:
    """What the document of an approved version carries: the spec's heading and sections
    (of the spec version the text was written under, which may have changed since), in the
    Center's language, each with the approved text."""
    from django.conf import settings
    from django.utils import translation

    version = FormVersion.objects.get(form_id=form_id, number=number)
    text = version_text(version)
    code = WrittenForm.objects.values_list("code", flat=True).get(pk=form_id)
    with translation.override(settings.LANGUAGE_CODE):
        spec = spec_at(code, version.spec_version).shown()
        return {
            "heading": str(spec.heading),
            "sections": [(str(s.label), text.get(s.key, "")) for s in spec.sections],
        }


def issued_text_again(step_key: str) -> dict[str, Any]:
    """The approved text a document carried, found again from its step
    ("written_form:<form>:v<version>"), for its correction."""
    _, form_id, version = step_key.split(":")
    return issued_text(int(form_id), int(version.removeprefix("v")))
