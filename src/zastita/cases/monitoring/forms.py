"""The form of a monitoring contact."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import ContactMode, ContactWith
from zastita.cases.plans.forms import ProviderChoice
from zastita.core.dates import SerbianDateField
from zastita.partners.models import Organisation, Provider


class ContactForm(forms.Form):
    with_whom = forms.ChoiceField(label=_("With"), choices=ContactWith.choices)
    provider = ProviderChoice(
        label=_("Provider"), required=False,
        queryset=Provider.objects.filter(is_active=True).select_related("organisation"),
    )  # fmt: skip
    organisation = forms.ModelChoiceField(
        label=_("Partner institution"), required=False,
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
    )  # fmt: skip
    mode = forms.ChoiceField(label=_("How"), choices=ContactMode.choices)
    held_on = SerbianDateField(label=_("Date"), not_future=True)
    minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=1440)
    tasks = forms.TypedMultipleChoiceField(
        label=_("Tasks of the plan followed up"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    notes = forms.CharField(label=_("Notes"), max_length=10_000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def __init__(self, *args: Any, tasks: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)
        self.fields["tasks"].choices = tasks  # type: ignore[attr-defined]
