"""The forms of the case's proceedings: recording one is the identification's form; a
change adds why, and the version it was read at."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.identification.public import ProceedingForm


class ChangeForm(ProceedingForm):
    note = forms.CharField(label=_("What changed and why"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)
