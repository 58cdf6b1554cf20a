"""The review's form: the date, the progress on each goal of the plans in force (one field
per goal), what follows, and the assessment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import Progress, ReviewOutcome
from zastita.core.dates import SerbianDateField


class ReviewForm(forms.Form):
    held_on = SerbianDateField(label=_("Date of the review"), not_future=True)
    outcome = forms.ChoiceField(label=_("What follows"), choices=ReviewOutcome.choices)
    # Checked by the service with the rest, so that every problem comes back in one round.
    assessment = forms.CharField(
        label=_("Assessment, with the person's view"), max_length=10_000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args: Any, goals: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "review_%s")
        super().__init__(*args, **kwargs)
        self.goal_keys = []
        for pk, label in goals:
            key = f"goal_{pk}"
            self.fields[key] = forms.ChoiceField(
                label=label, choices=[("", "—"), *Progress.choices], required=False
            )
            self.goal_keys.append((pk, key))
        self.order_fields(["held_on", *(k for _pk, k in self.goal_keys), "outcome"])

    def progress(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(key) or "" for pk, key in self.goal_keys}
