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


class OpenPendingForm(forms.Form):
    """A case before the decision on the person's status: for a person who needs protection
    now, with the reason why it cannot wait."""

    code = forms.CharField(
        label=_("The person's code"), max_length=20,
        help_text=_("As on the person's page in the registry (P-…)."),
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Why the case cannot wait for the decision"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
