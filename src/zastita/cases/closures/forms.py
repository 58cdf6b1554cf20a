"""The form that prepares a case's closure: the reason, and whether it is handed over."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import ClosureReason


class ClosureForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=[("", "—"), *ClosureReason.choices]
    )
    referred = forms.BooleanField(
        label=_("Hand the case over to another institution (closed and referred)"),
        required=False,
    )
    settle_open = forms.BooleanField(
        label=_("End the services and tasks still open when the closure is approved"),
        help_text=_(
            "They are handed over with the case if it is handed over, otherwise ended "
            "(a task: dropped). Without this, each must be ended before."
        ),
        required=False,
    )
