"""Reads for reviews, through the case's scope (the caller has read the case)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from zastita.cases.models import Case, Progress, Review, ReviewOutcome
from zastita.cases.reviews.clock import running_clock
from zastita.cases.reviews.services import goals_in_force
from zastita.core.crypto import unseal
from zastita.core.labels import labels


def goal_choices(case: Case) -> list[tuple[int, str]]:
    return [
        (g.pk, f"{g.plan.get_kind_display()}, {g.position}. "
               f"{unseal(g.text, 'plan_goal', g.pk, 'text')[:80]}")
        for g in goals_in_force(case)
    ]  # fmt: skip


@dataclass
class ReviewRow:
    review: Review
    assessment: str
    progress: list[tuple[str, str]]


def case_reviews(case: Case) -> list[ReviewRow]:
    labels = dict(Progress.choices)
    rows = []
    for review in Review.objects.filter(case=case).select_related("created_by"):
        progress = [(goal, str(labels.get(code, code))) for goal, code in review.progress.items()]
        rows.append(ReviewRow(review, unseal(review.assessment, "review", review.pk,
                                             "assessment"), progress))  # fmt: skip
    return rows


@dataclass
class NextReview:
    due_at: datetime.datetime
    breached_at: datetime.datetime | None


def next_review(case: Case) -> NextReview | None:
    """When the case's next review is due, and whether it is overdue (its clock's columns,
    read as `running` reads the clock)."""
    rows = running_clock(case).values_list("due_at", "breached_at")[:1]
    return next((NextReview(*row) for row in rows), None)


@dataclass
class ReviewLine:
    """A review as the case's page shows it: its columns and labels, no model."""

    pk: int
    held_on: datetime.date
    outcome: str
    assessment: str
    progress: list[str]
    by: str


def review_lines(case: Case) -> list[ReviewLine]:
    """The case's reviews for its page, newest first, in one query of the columns it shows
    (sorted here, as `service_rows`)."""
    outcomes, progress = labels(ReviewOutcome), labels(Progress)
    return [
        ReviewLine(pk=pk, held_on=held_on, outcome=outcomes.get(outcome, ""),
                   assessment=unseal(assessment, "review", pk, "assessment"),
                   progress=[progress.get(code, code) for code in (goals or {}).values()],
                   by=by)
        for pk, held_on, outcome, assessment, goals, by in sorted(
            Review.objects.filter(case_id=case.pk).order_by().values_list(
                "pk", "held_on", "outcome", "assessment", "progress", "created_by__full_name"),
            key=lambda row: (row[1], row[0]), reverse=True)
    ]  # fmt: skip
