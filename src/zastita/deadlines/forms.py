"""The targets page's form: the time allowed in hours or days, and the warnings."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

UNITS = [("hours", _("hours")), ("days", _("days"))]


class TargetForm(forms.Form):
    target = forms.CharField(widget=forms.HiddenInput, max_length=100)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    amount = forms.IntegerField(
        label=_("Time allowed"), min_value=1, max_value=9000,
        help_text=_("A whole number of hours or days."),
    )  # fmt: skip
    unit = forms.ChoiceField(label=_("Unit"), choices=UNITS)
    warn_at_percent = forms.CharField(
        label=_("Warnings at (per cent of the time)"), max_length=40, required=False,
        help_text=_("For example: 50, 80"),
    )  # fmt: skip

    def clean_warn_at_percent(self) -> list[int]:
        raw = self.cleaned_data["warn_at_percent"]
        try:
            return [int(part) for part in raw.replace(";", ",").split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("Whole numbers separated by commas.")) from None

    def duration(self) -> datetime.timedelta:
        amount, unit = self.cleaned_data["amount"], self.cleaned_data["unit"]
        return (
            datetime.timedelta(days=amount) if unit == "days" else datetime.timedelta(hours=amount)
        )
