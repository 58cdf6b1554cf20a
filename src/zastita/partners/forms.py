"""Forms for the partner register and API keys."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.partners.models import ApiCapability, Organisation, Sector


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    municipality = forms.CharField(label=_("Municipality or city"), max_length=100, required=False)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ApiKeyForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=100)
    capabilities = forms.MultipleChoiceField(
        label=_("Capabilities"), choices=ApiCapability.choices, widget=forms.CheckboxSelectMultiple
    )


class ApiKeyRequestForm(ApiKeyForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
    )
    field_order = ["organisation", "label", "capabilities"]
