"""Forms for the services arranged for a case: arranging one, the head of service's
decision, and its end."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import EngagementKind, Funding, Unit
from zastita.cases.plans.forms import ProviderChoice
from zastita.core.dates import SerbianDateField
from zastita.partners.models import Provider


class EngagementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Service"), choices=EngagementKind.choices)
    provider = ProviderChoice(
        label=_("Provider"), required=False,
        queryset=Provider.objects.filter(is_active=True).select_related("organisation"),
        help_text=_("Only a provider the person agreed to share with, in the plan."),
    )  # fmt: skip
    requested_on = SerbianDateField(label=_("Requested on"), not_future=True)
    started_on = SerbianDateField(label=_("Started on"), required=False)
    ended_on = SerbianDateField(label=_("Ended on"), required=False)
    units = forms.DecimalField(label=_("Quantity"), required=False, max_digits=8,
                               decimal_places=2)  # fmt: skip
    unit = forms.ChoiceField(label=_("Unit"), required=False,
                             choices=[("", "—"), *Unit.choices])  # fmt: skip
    cost = forms.DecimalField(label=_("Cost (RSD)"), max_digits=14, decimal_places=2,
                              initial=0)  # fmt: skip
    funding = forms.ChoiceField(label=_("Paid from"), choices=Funding.choices)
    funding_source = forms.CharField(label=_("Project or donor"), max_length=200,
                                     required=False)  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "service_%s")  # one page holds several forms
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "yes",
        choices=[("yes", _("Approve the service")), ("no", _("Refuse the service"))],
    )  # fmt: skip
    reasons = forms.CharField(label=_("Reasons"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class EndForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = SerbianDateField(label=_("Ended on"), not_future=True)
    # Checked by the service with the date, so that both come back in one round.
    outcome = forms.CharField(label=_("How it went"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
