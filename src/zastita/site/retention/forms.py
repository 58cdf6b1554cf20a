"""The retention page's form: a rule's period in years, and why it changes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RetentionPeriodForm(forms.Form):
    rule = forms.CharField(widget=forms.HiddenInput, max_length=64)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    years = forms.IntegerField(
        label=_("Period in years"), min_value=1, max_value=100,
        help_text=_("A whole number of years, from 1 to 100."),
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Reason for the change"), max_length=300,
        help_text=_("About the Center's practice, never about a person."),
    )  # fmt: skip
