"""Forms for reports and the roster: parsing only; the rules are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zastita.core.dates import DATETIME_DISPLAY, SerbianDateTimeField
from zastita.core.files.attachments import AttachmentUploadForm
from zastita.core.municipalities import MunicipalityInput
from zastita.intake.models import (
    Channel,
    Exploitation,
    ReporterKind,
    ReporterSector,
    ShiftKind,
    Status,
    Urgency,
)
from zastita.intake.services import TEXT_LIMITS, PersonInput, ReportInput
from zastita.partners.models import Organisation

PERSON_ROWS = 3


def _limit(field: str) -> dict[str, Any]:
    """The service's limit for a text field, refused at the field in the API's words."""
    return {
        "max_length": TEXT_LIMITS[field],
        "error_messages": {"max_length": _("Too long: at most %(limit_value)s characters.")},
    }


class ReportText(forms.CharField):
    """Line breaks counted as one character, as the browser's maxlength and the API count
    them (a browser sends each as CR LF), so that a text fits the same limit either way."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _now_local() -> str:
    return timezone.localtime().strftime(DATETIME_DISPLAY)


class ReportForm(forms.Form):
    """Ordered for a phone call: how urgent, then what is said, then the details."""

    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect,
        initial=Urgency.ORDINARY,
    )  # fmt: skip
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.PHONE)
    narrative = ReportText(
        label=_("What is reported"), required=False, **_limit("narrative"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Who, where, what is happening now. Encrypted; never shown in lists."),
    )  # fmt: skip
    municipality = ReportText(
        label=_("Municipality or city"), required=False, **_limit("municipality"),
        widget=MunicipalityInput(),
        help_text=_("From the list of Serbia's municipalities; another place is kept encrypted."),
    )  # fmt: skip
    exploitation = forms.MultipleChoiceField(
        label=_("Suspected forms of exploitation"), choices=Exploitation.choices,
        required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    reporter_kind = forms.ChoiceField(
        label=_("Reporter"), choices=ReporterKind.choices, widget=forms.RadioSelect,
        initial=ReporterKind.ORGANISATION,
    )  # fmt: skip
    reporter_organisation = forms.ModelChoiceField(
        label=_("Organisation (partner register)"), queryset=Organisation.objects.none(),
        required=False,
    )  # fmt: skip
    reporter_sector = forms.ChoiceField(
        label=_("Reporter's sector"), choices=[("", "—"), *ReporterSector.choices],
        required=False, help_text=_("Taken from the organisation when one is chosen."),
    )  # fmt: skip
    reporter_identity = ReportText(
        label=_("Private reporter: name and contact"), required=False,
        **_limit("reporter_identity"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    received_at = SerbianDateTimeField(
        label=_("Received"), required=False, not_future=True,
        help_text=_("Now, unless the report arrived earlier (a letter, an e-mail)."),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reporter_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(is_active=True).order_by("name")
        self.fields["received_at"].initial = _now_local
        for row in range(1, PERSON_ROWS + 1):
            self.fields[f"person{row}_code"] = forms.CharField(
                label=_("Person %(n)s: registry code, if known") % {"n": row},
                max_length=16, required=False,
            )  # fmt: skip
            self.fields[f"person{row}_description"] = ReportText(
                label=_("Person %(n)s: short description") % {"n": row}, required=False,
                **_limit("person_description"), widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("For example: a girl of about 15, first name only."),
            )  # fmt: skip
            self.fields[f"person{row}_adult"] = forms.BooleanField(
                label=_("Person %(n)s is certainly an adult") % {"n": row}, required=False,
                help_text=_("Otherwise the person is treated as a child."),
            )  # fmt: skip

    def person_rows(self) -> list[tuple[str, str, bool]]:
        d = self.cleaned_data
        rows = []
        for row in range(1, PERSON_ROWS + 1):
            code = (d.get(f"person{row}_code") or "").strip().upper()
            description = (d.get(f"person{row}_description") or "").strip()
            if code or description:
                rows.append((code, description, not d.get(f"person{row}_adult")))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The service's checks as well, on what could be read, so every problem comes back
        # in one round (the registry codes are looked up by the view afterwards).
        from zastita.core.errors import ApplicationError
        from zastita.intake.services import clean_report

        organisation = data.get("reporter_organisation")
        partial = ReportInput(
            channel=data.get("channel") or "", received_at=data.get("received_at"),
            reporter_kind=data.get("reporter_kind") or "",
            reporter_organisation_id=organisation.pk if organisation else None,
            reporter_sector=data.get("reporter_sector") or "",
            reporter_identity=data.get("reporter_identity") or "",
            municipality=data.get("municipality") or "",
            exploitation=data.get("exploitation") or [], urgency=data.get("urgency") or "",
            narrative=data.get("narrative") or "",
            persons=[PersonInput(None, description or code, child)
                     for code, description, child in self.person_rows()],
        )  # fmt: skip
        if "received_at" not in self.errors and partial.received_at is None:
            partial.received_at = timezone.now()
        try:
            clean_report(partial)
        except ApplicationError as exc:
            for name, messages in exc.fields.items():
                if name not in self.errors:  # "persons" is the whole form's
                    for message in messages:
                        self.add_error(name if name in self.fields else None, message)
        return data

    def report_input(self, persons: list[PersonInput]) -> ReportInput:
        d = self.cleaned_data
        organisation = d.get("reporter_organisation")
        return ReportInput(
            channel=d["channel"], received_at=d.get("received_at") or timezone.now(),
            reporter_kind=d["reporter_kind"],
            reporter_organisation_id=organisation.pk if organisation else None,
            reporter_sector=d.get("reporter_sector") or "",
            reporter_identity=d.get("reporter_identity") or "",
            municipality=d.get("municipality") or "", exploitation=d.get("exploitation") or [],
            urgency=d["urgency"], narrative=d.get("narrative") or "", persons=persons,
        )  # fmt: skip


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    forwarded_to = forms.CharField(label=_("Competent body"), max_length=200, required=False)


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("all")), *Status.choices], required=False
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=[("", _("all")), *Urgency.choices], required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("all")), *Channel.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=2012, max_value=2100, required=False)
    overdue = forms.BooleanField(label=_("Only with a missed response time"), required=False)
    mine = forms.BooleanField(label=_("Only mine"), required=False)
    number = forms.RegexField(
        label=_("Number"),
        regex=r"^\s*\d{1,5}/\d{4}\s*$",
        required=False,
        max_length=12,
        error_messages={"invalid": _("Write the report's number as 0004/2026.")},
        help_text=_("Opens the report with this number."),
    )


class AttachmentForm(AttachmentUploadForm):
    """A report's attachment: the file alone."""


class ShiftForm(forms.Form):
    user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Worker"), queryset=None)
    kind = forms.ChoiceField(label=_("Shift"), choices=ShiftKind.choices)
    starts_at = SerbianDateTimeField(label=_("From"))
    ends_at = SerbianDateTimeField(label=_("Until"))

    def __init__(self, *args: Any, users: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users
        if users is not None:
            # Serbian alphabetical order (the database sorts Ђ, Ј, Љ, Њ, Ћ, Џ after Ш).
            from zastita.core.collation import sorted_by_name

            ordered = sorted_by_name(users, lambda user: user.full_name)
            field.choices = [("", field.empty_label or ""),
                             *((u.pk, field.label_from_instance(u)) for u in ordered)]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        from zastita.intake.roster import MAX_SHIFT

        data = super().clean() or {}
        # The roster's own rules, in the same round as every other error.
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The shift must end after it starts."))
        elif starts and ends and ends - starts > MAX_SHIFT:
            self.add_error("ends_at", _("A shift lasts at most 24 hours."))
        return data


class HandoverForm(forms.Form):
    note = forms.CharField(
        label=_("Handover note for the next shift"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
