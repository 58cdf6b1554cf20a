"""The access log's filter form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from zastita.audit.labels import RECORD_TYPES
from zastita.audit.models import Action, Purpose
from zastita.audit.selectors import AccessLogFilters
from zastita.core.collation import sort_key
from zastita.core.dates import SerbianDateField


def _record_type_choices() -> list[tuple[str, str]]:
    """Every kind of record in words, in Serbian alphabetical order (never the code)."""
    named = sorted(
        ((code, str(label)) for code, label in RECORD_TYPES.items()),
        key=lambda pair: sort_key(pair[1]),
    )
    return [("", str(_("any record"))), *named]


class AccessLogFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        queryset=get_user_model().objects.order_by("username"), required=False, label=_("Who")
    )
    action = forms.ChoiceField(
        choices=[("", _("any action")), *Action.choices], required=False, label=_("Action")
    )
    object_type = forms.ChoiceField(choices=_record_type_choices, required=False,
                                    label=_("Record type"))  # fmt: skip
    object_id = forms.CharField(required=False, max_length=64, label=_("Record id"))
    # "Emergency access with a stated reason" finds every break-the-glass opening.
    purpose = forms.ChoiceField(
        choices=[("", _("any purpose")), *Purpose.choices], required=False, label=_("Purpose")
    )
    date_from = SerbianDateField(required=False, label=_("From"))
    date_to = SerbianDateField(required=False, label=_("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filters(self) -> AccessLogFilters:
        data = self.cleaned_data
        actor = data.get("actor")
        return AccessLogFilters(
            actor_id=actor.pk if actor else None,
            action=data.get("action") or "",
            object_type=data.get("object_type") or "",
            object_id=data.get("object_id") or "",
            purpose=data.get("purpose") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
