"""API: the indicator rule engine, for the Center's professionals (codes in, codes out: no
personal data crosses this operation)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router

from zastita.audit.access import no_personal_data
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.schemas import ApiSchema
from zastita.identification.indicators.engine import (
    Answer,
    AnswerError,
    RuleBook,
    evaluate,
    rules_in_use,
)

router = Router(tags=["identification"])


def _book() -> RuleBook:
    return rules_in_use()[0]


class EvaluationIn(ApiSchema):
    set: str = Field(..., max_length=8, description="AL, CL, AS or CS")
    answers: dict[str, Answer] = Field(default_factory=dict, description="indicator id → answer")
    unanswered: Answer = Answer.UNKNOWN
    age: int | None = Field(None, ge=0, le=120)
    age_disputed: bool = False
    act_present: bool | None = None


@router.post("/evaluate", summary="Evaluate indicator answers with the ILO/EC rules")
@no_personal_data
def indicators_evaluate(request: HttpRequest, payload: EvaluationIn) -> dict[str, Any]:
    """The same evaluation as `zastita indicators evaluate`; the JSON is documented in
    docs/indicator-evaluation.md. It supports the professionals and decides nothing."""
    if getattr(request, "api_key", None) is not None or not request.user.has_perm(
        "identification.assess"
    ):
        raise PermissionDenied(object_type="indicator_evaluation")
    try:
        result = evaluate(
            _book(), payload.set, {k: v.value for k, v in payload.answers.items()},
            age=payload.age, age_disputed=payload.age_disputed,
            act_present=payload.act_present, unanswered=payload.unanswered,
        )  # fmt: skip
    except AnswerError as exc:
        field = "set" if payload.set not in _book().sets else "answers"
        raise ValidationError(fields={field: [str(exc)]}) from exc
    return result.as_dict()
