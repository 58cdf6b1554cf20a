"""Written forms' section of the subject-access export: the forms written on the person's
records (the subjects the domain sections found), each with its versions, the approval
rounds and the text of its latest version, decrypted for the export."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zastita.core.registries.subject_access import SectionData
from zastita.core.registries.writtenforms import form_specs
from zastita.writtenforms.models import FormStatus, ReviewOutcome, WrittenForm
from zastita.writtenforms.selectors import (
    latest_version,
    review_comments,
    spec_at,
    version_text,
)


def written_forms_section(person_ids: list[int], subjects: list[tuple[str, int]]) -> SectionData:
    data = SectionData(
        labels={
            "form": _("Form"),
            "record": _("Record"),
            "status": _("Status"),
            "version": _("version"),
            "saved_at": _("Saved"),
            "text": _("Text"),
            "reviews": _("History"),
        },
        choices={"status": dict(FormStatus.choices)},
    )
    by_type: dict[str, list[int]] = {}
    for subject_type, subject_id in subjects:
        by_type.setdefault(subject_type, []).append(subject_id)
    for subject_type, ids in sorted(by_type.items()):
        forms = WrittenForm.objects.filter(subject_type=subject_type, subject_id__in=ids)
        for form in forms.order_by("pk"):
            latest = latest_version(form)
            spec = form_specs.find(form.code)
            text = version_text(latest) if latest else {}
            labels = (
                {sec.key: str(sec.label) for sec in spec_at(form.code, latest.spec_version)
                 .shown().sections}
                if latest and spec else {}
            )  # fmt: skip
            reviews = [
                f"{review.reviewed_at.date().isoformat()} "
                f"{ReviewOutcome(review.outcome).label} ({review.version})"
                + (f": {review_comments(review)}" if review.comments else "")
                for review in form.reviews.order_by("pk")
            ]
            data.rows.append({
                "form": str(spec.label) if spec else form.code,
                "record": f"{subject_type} {form.subject_id}",
                "status": form.status,
                "version": latest.number if latest else None,
                "saved_at": latest.saved_at.isoformat() if latest else None,
                # Section by section, as the form reads: "label: text".
                "text": "\n\n".join(
                    f"{labels.get(key, key)}: {value}" for key, value in text.items() if value
                ),
                "reviews": "\n".join(reviews),
            })  # fmt: skip
            data.audit_objects.append(("written_form", str(form.pk)))
    return data
