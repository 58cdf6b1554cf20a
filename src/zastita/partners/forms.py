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


class ProviderForm(forms.Form):
    from zastita.core import reference as _reference
    from zastita.partners.models import ProviderKind as _Kind

    kind = forms.ChoiceField(label=_("Kind"), choices=_Kind.choices)
    professional = forms.CharField(
        label=_("Professional's name"), max_length=200, required=False,
        help_text=_("For a lawyer, psychotherapist or interpreter engaged in person."),
    )  # fmt: skip
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), required=False,
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, choices=_reference.language_choices
    )
    contact = forms.CharField(label=_("Contact (telephone, e-mail)"), max_length=200,
                              required=False)  # fmt: skip
    agreement = forms.CharField(label=_("Memorandum or contract"), max_length=200, required=False)
    availability = forms.CharField(label=_("Availability"), max_length=500, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
