"""Forms for the person registry: parsing only; validation of identity is in the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.people.identity import Identity
from zastita.people.models import Sex


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace(";", "\n").splitlines() if line.strip()]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, surname, year of birth or ЈМБГ"),
        max_length=200,
        help_text=_("Any script and spelling: Ђорђе, Đorđe and Djordje find the same person."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )


class PersonForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Surname"), max_length=100, required=False)
    parent_name = forms.CharField(label=_("Parent's name"), max_length=100, required=False)
    maiden_name = forms.CharField(label=_("Maiden name"), max_length=100, required=False)
    aliases = forms.CharField(
        label=_("Nicknames and other names"),
        required=False,
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False, min_value=1900, max_value=2100,
        help_text=_("When the full date is not known."),
    )  # fmt: skip
    age_disputed = forms.BooleanField(label=_("Age is disputed"), required=False)
    jmbg = forms.CharField(label=_("ЈМБГ"), max_length=20, required=False)
    place_of_birth = forms.CharField(label=_("Place of birth"), max_length=100, required=False)
    phones = forms.CharField(
        label=_("Phone numbers"), required=False, help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    addresses = forms.CharField(
        label=_("Addresses"), required=False, help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    sealed = forms.BooleanField(
        label=_("Sealed file"),
        required=False,
        help_text=_("The name is hidden by default, as for a child."),
    )
    confirm_new = forms.BooleanField(
        label=_("None of the persons listed above is this person: register a new one."),
        required=False,
    )

    def identity(self) -> Identity:
        d = self.cleaned_data
        return Identity(
            first_name=d["first_name"],
            last_name=d["last_name"],
            parent_name=d["parent_name"],
            maiden_name=d["maiden_name"],
            aliases=_lines(d["aliases"]),
            jmbg=d["jmbg"].strip(),
            birth_date=d["birth_date"],
            place_of_birth=d["place_of_birth"],
            phones=_lines(d["phones"]),
            addresses=_lines(d["addresses"]),
            notes=d["notes"],
        )

    def descriptive(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "sex": d["sex"],
            "birth_year": d["birth_year"],
            "age_disputed": d["age_disputed"],
            "sealed": d["sealed"],
        }


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need the name?"),
        min_length=15,
        max_length=1000,
        help_text=_("Recorded and shown to the head of service."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MergeForm(forms.Form):
    other_code = forms.CharField(
        label=_("Code of the duplicate record"),
        max_length=16,
        help_text=_("That record is merged into this one; nothing of it is lost."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked that both records are the same person."), required=False
    )


class SubjectAccessForm(forms.Form):
    code = forms.CharField(label=_("Code of the person"), max_length=16)
    format = forms.ChoiceField(
        label=_("Format"), choices=[("pdf", "PDF"), ("json", "JSON")], initial="pdf"
    )
