"""Forms for cases: a step of the workflow, and the list's filter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import CaseStatus


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=CaseStatus.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all")), *CaseStatus.choices], required=False
    )
