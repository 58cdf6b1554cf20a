"""The form that records stock received from a donor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.cases.models import AID_KINDS
from zastita.core.dates import SerbianDateField
from zastita.partners.models import Provider


class ReceiptForm(forms.Form):
    donor = forms.ModelChoiceField(label=_("Donor"), queryset=Provider.objects.none())
    kind = forms.ChoiceField(
        label=_("What"), choices=[("", "—"), *[(k.value, k.label) for k in AID_KINDS]]
    )
    received_on = SerbianDateField(label=_("Received on"))
    quantity = forms.DecimalField(label=_("Quantity (items)"), max_digits=10, decimal_places=2)
    value = forms.DecimalField(label=_("Value (RSD)"), max_digits=12, decimal_places=2,
                               initial=0)  # fmt: skip
    description = forms.CharField(
        label=_("Description"), max_length=200, required=False,
        help_text=_("What arrived, as the donor lists it; nothing about a person."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from zastita.cases.aid.services import DONOR_KINDS

        super().__init__(*args, **kwargs)
        donor = self.fields["donor"]
        assert isinstance(donor, forms.ModelChoiceField)
        donor.queryset = Provider.objects.filter(kind__in=DONOR_KINDS, is_active=True)
