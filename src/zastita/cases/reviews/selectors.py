"""Reads for reviews, through the case's scope (the caller has read the case)."""

from __future__ import annotations

from dataclasses import dataclass

from zastita.cases.models import Case, Progress, Review
from zastita.cases.reviews.clock import running
from zastita.cases.reviews.services import goals_in_force
from zastita.core.crypto import unseal
from zastita.deadlines.public import Deadline


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


def next_review(case: Case) -> Deadline | None:
    return running(case)
