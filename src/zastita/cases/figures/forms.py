"""The period of the director's figures, and the year of the costs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.core.dates import SerbianDateField

FIRST_YEAR = 2000


class PeriodForm(forms.Form):
    start = SerbianDateField(label=_("From"))
    end = SerbianDateField(label=_("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period cannot be before its start."))
        return data


def chosen_year(data: Any) -> tuple[YearForm, int | None, bool]:
    """The year form of a page's query (empty: every year), the year chosen, and whether
    the query was valid."""
    form = YearForm(data or None)
    if not data:
        return form, None, True
    valid = form.is_valid()
    return form, (form.cleaned_data.get("year") if valid else None), valid


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=2100,
        help_text=_("Leave it empty for every year."),
    )  # fmt: skip
