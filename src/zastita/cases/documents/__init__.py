"""The documents of a case besides its plans (forms 7 and 8, in `cases.plans`): each a type
of the documents platform, numbered in the register and stored as PDF/A.

- Form 9, the monitoring form: written periodically by the worker, with the contacts since
  the last one (subject: the case).
- Form 10, the review form: issued when a review is recorded, from the review (subject: the
  review).
- Form 15, a new client for support during proceedings; form 21, the documentation analysis
  (subject: the case).
- Forms 16 and 17, information to engage a lawyer or a psychotherapist, and form 19, the
  request for a provider's report (subject: the service arranged).

Forms 15, 16, 17 and 19 leave the Center: they name the person by the Center's reference
only, carry the goals the person agreed to share with that provider and what the author
writes, and never the person's status (the platform refuses such a text)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django.utils.translation import gettext_lazy as _

from zastita.cases.documents import contexts, templates
from zastita.cases.models import LEGAL, PSYCHOLOGICAL, Case, Engagement, Review
from zastita.core.registries.documents import DocumentType, document_types

MONITORING = contexts.MONITORING
REVIEW = "cases.review"
ANALYSIS = "cases.analysis"
PROCEEDINGS_CLIENT = "cases.proceedings_client"
LAWYER_INFO = "cases.lawyer_info"
THERAPIST_INFO = "cases.psychotherapist_info"
REPORT_REQUEST = "cases.report_request"


def _case_visible(user: Any, case: Case | None) -> bool:
    return case is not None and bool(user.has_perm("cases.view", case))


def _may_view_case(user: Any, case_id: int) -> bool:
    return _case_visible(user, Case.objects.filter(pk=case_id).first())


def _may_view_review(user: Any, review_id: int) -> bool:
    review = Review.objects.select_related("case").filter(pk=review_id).first()
    return review is not None and _case_visible(user, review.case)


def _engagement_rule(kinds: tuple[str, ...] | None) -> Callable[[Any, int], bool]:
    """Who sees the case, about a service with a provider (of these kinds, when given)."""

    def may_view(user: Any, engagement_id: int) -> bool:
        e = Engagement.objects.select_related("case").filter(pk=engagement_id).first()
        if e is None or not e.provider_id or (kinds is not None and e.kind not in kinds):
            return False
        return _case_visible(user, e.case)

    return may_view


_ANY_SERVICE = _engagement_rule(None)
_LEGAL_SERVICE = _engagement_rule(tuple(LEGAL))
_PSYCHOLOGICAL_SERVICE = _engagement_rule(tuple(PSYCHOLOGICAL))


def register_types() -> None:
    case_label, service_label = _("case"), _("service arranged")
    types = (
        DocumentType(
            code=MONITORING, label=_("Monitoring form"), subject_type="case",
            subject_label=case_label, context=contexts.monitoring,
            default_template=templates.MONITORING, written_by_author=True,
            can_view=_may_view_case,
        ),
        DocumentType(
            code=REVIEW, label=_("Review form"), subject_type="review",
            subject_label=_("review"), context=contexts.review,
            default_template=templates.REVIEW, can_view=_may_view_review,
        ),
        DocumentType(
            code=ANALYSIS, label=_("Documentation analysis"), subject_type="case",
            subject_label=case_label, context=contexts.analysis,
            default_template=templates.ANALYSIS, written_by_author=True,
            can_view=_may_view_case,
        ),
        DocumentType(
            code=PROCEEDINGS_CLIENT, label=_("New client for support during proceedings"),
            subject_type="case", subject_label=case_label,
            context=contexts.proceedings_client, default_template=templates.PROCEEDINGS_CLIENT,
            written_by_author=True, addressed_outside=True, can_view=_may_view_case,
        ),
        DocumentType(
            code=LAWYER_INFO, label=_("Information for engaging a lawyer"),
            subject_type="engagement", subject_label=service_label,
            context=contexts.provider_info, default_template=templates.PROVIDER_INFO,
            written_by_author=True, addressed_outside=True,
            can_view=_LEGAL_SERVICE,
        ),
        DocumentType(
            code=THERAPIST_INFO, label=_("Information for engaging a psychotherapist"),
            subject_type="engagement", subject_label=service_label,
            context=contexts.provider_info, default_template=templates.PROVIDER_INFO,
            written_by_author=True, addressed_outside=True,
            can_view=_PSYCHOLOGICAL_SERVICE,
        ),
        DocumentType(
            code=REPORT_REQUEST, label=_("Request for a provider's account of the support"),
            subject_type="engagement", subject_label=service_label,
            context=contexts.provider_info, default_template=templates.REPORT_REQUEST,
            written_by_author=True, addressed_outside=True, can_view=_ANY_SERVICE,
            expects_answer=True,  # the provider's account, recorded as incoming
        ),
    )  # fmt: skip
    for spec in types:
        document_types.register(spec.code, spec)


# The documents a worker writes on a case's page, and on a service's row (by its kind).
CASE_WRITTEN = (MONITORING, PROCEEDINGS_CLIENT, ANALYSIS)


class _Service(Protocol):
    kind: str
    provider_id: int | None


def service_written(engagement: _Service) -> tuple[str, ...]:
    if not engagement.provider_id:
        return ()
    first = (
        (LAWYER_INFO,)
        if engagement.kind in LEGAL
        else ((THERAPIST_INFO,) if engagement.kind in PSYCHOLOGICAL else ())
    )
    return (*first, REPORT_REQUEST)


def issue_approved(approved: Any, approver: Any, type_code: str, subject_id: int) -> None:
    """The document of an approved written form of a case (a plan, a closure): its approved
    text, written by who saved that version, approved by `approver`; once per version."""
    from zastita.documents.public import document_issue
    from zastita.writtenforms.public import WrittenForm, issued_text

    form = WrittenForm.objects.get(pk=approved.form_id)
    version = form.versions.select_related("saved_by").get(number=approved.version)
    document_issue(
        actor=approver, author=version.saved_by, type_code=type_code, subject_id=subject_id,
        step_key=f"written_form:{form.pk}:v{approved.version}", approver=approver,
        written=issued_text(form.pk, version.number),
    )  # fmt: skip
