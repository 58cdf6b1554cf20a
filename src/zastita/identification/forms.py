"""Forms for identification: parsing only; the rules are in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from zastita.core import reference
from zastita.core.dates import SerbianDateField, SerbianDateTimeField
from zastita.core.files.attachments import AttachmentUploadForm
from zastita.core.municipalities import MunicipalityInput
from zastita.identification.indicators.engine import Answer, IndicatorSet
from zastita.identification.indicators.translation import localise
from zastita.identification.models import (
    Consent,
    ControlMeans,
    DecisionKind,
    DocumentKind,
    InterviewKind,
    ProceduralRole,
    ProceedingStage,
    Recruitment,
    Relationship,
    VictimStatus,
)
from zastita.intake.public import Exploitation

ANSWER_CHOICES = [
    (Answer.PRESENT.value, _("present")),
    (Answer.ABSENT.value, _("absent")),
    (Answer.UNKNOWN.value, _("unknown")),
]


class LinkForm(forms.Form):
    code = forms.CharField(label=_("Code of the person in the registry"), max_length=16)


class InterviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InterviewKind.choices)
    held_at = SerbianDateTimeField(label=_("Held at"), not_future=True)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    participants = forms.CharField(label=_("Participants"), max_length=1000, required=False)
    interpreter = forms.BooleanField(label=_("With an interpreter"), required=False)
    language = forms.ChoiceField(
        label=_("Language interpreted"), required=False,
        choices=lambda: [("", "—"), *reference.language_choices()],
    )  # fmt: skip
    notes = forms.CharField(
        label=_("Notes"), max_length=20_000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The service's check on the input alone, in the same round as the form's own.
        if data.get("interpreter") and not data.get("language") and "language" not in self.errors:
            self.add_error("language", _("Choose the language interpreted (ISO 639)."))
        return data


class AssessmentForm(forms.Form):
    """One radio group per indicator of the set, grouped by dimension in the template."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    age_at_exploitation = forms.IntegerField(
        label=_("Age when the exploitation began"), min_value=0, max_value=120, required=False
    )
    age_disputed = forms.BooleanField(label=_("Age is disputed"), required=False)
    act_present = forms.NullBooleanField(
        label=_("Act (recruitment, transport, transfer, harbouring or receipt)"),
        widget=forms.Select(
            choices=[("unknown", _("unknown")), ("true", _("present")), ("false", _("absent"))]
        ),
    )
    override_reason = forms.CharField(
        label=_("Why this set, if it is meant for another age group"), max_length=1000,
        required=False, widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(self, *args: Any, indicator_set: IndicatorSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator_set = indicator_set
        for indicator in indicator_set.indicators:
            # The indicator in words: its id (AL.CD.02) is the rules' internal reference.
            text = localise(indicator.text)
            self.fields[self.key(indicator.id)] = forms.ChoiceField(
                label=text, choices=ANSWER_CHOICES,
                initial=Answer.UNKNOWN.value, widget=forms.RadioSelect, required=False,
            )  # fmt: skip
            self.fields[self.note_key(indicator.id)] = forms.CharField(
                label=_("Note on: %(indicator)s") % {"indicator": Truncator(text).chars(60)},
                max_length=1000, required=False,
            )  # fmt: skip

    @staticmethod
    def key(indicator_id: str) -> str:
        return "i_" + indicator_id.replace(".", "_")

    @staticmethod
    def note_key(indicator_id: str) -> str:
        return "n_" + indicator_id.replace(".", "_")

    def notes(self) -> dict[str, str]:
        """The notes written, by indicator (empty ones left out)."""
        return {
            i.id: self.cleaned_data[self.note_key(i.id)].strip()
            for i in self.indicator_set.indicators
            if self.cleaned_data.get(self.note_key(i.id), "").strip()
        }

    def answers(self) -> dict[str, str]:
        # An indicator left unanswered is unknown, never silently absent.
        return {
            i.id: self.cleaned_data[self.key(i.id)] or Answer.UNKNOWN.value
            for i in self.indicator_set.indicators
        }

    def by_dimension(
        self, names: dict[str, str]
    ) -> dict[str, list[tuple[forms.BoundField, forms.BoundField]]]:
        """Each dimension's indicators, under the dimension's name: the answer and the note,
        side by side."""
        groups: dict[str, list[tuple[forms.BoundField, forms.BoundField]]] = {}
        for indicator in self.indicator_set.indicators:
            pair = (self[self.key(indicator.id)], self[self.note_key(indicator.id)])
            name = localise(names.get(indicator.dimension, "")) or indicator.dimension
            groups.setdefault(name, []).append(pair)
        return groups


# Rows for the panel's members: a panel has two or three, rarely more.
PANEL_ROWS = 5


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DecisionKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=VictimStatus.choices)
    exploitation = forms.MultipleChoiceField(
        label=_("Forms of exploitation"), choices=Exploitation.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    abroad = forms.BooleanField(label=_("Exploited abroad"), required=False)
    municipality = forms.CharField(
        label=_("Municipality (in Serbia)"), max_length=100, required=False,
        widget=MunicipalityInput(),
        help_text=_("From the list of Serbia's municipalities; another place is kept encrypted."),
    )  # fmt: skip
    country = forms.ChoiceField(
        label=_("Country (abroad)"), required=False,
        choices=lambda: [("", "—"), *reference.country_choices()],
    )  # fmt: skip
    period_from = SerbianDateField(label=_("Exploited from"), required=False, not_future=True)
    period_to = SerbianDateField(label=_("Exploited until"), required=False, not_future=True)
    recruitment = forms.MultipleChoiceField(
        label=_("Recruitment"), choices=Recruitment.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    control_means = forms.MultipleChoiceField(
        label=_("Means of control"), choices=ControlMeans.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    relationship = forms.ChoiceField(label=_("Relationship to the trafficker"),
                                     choices=Relationship.choices, required=False)  # fmt: skip
    decided_on = SerbianDateField(label=_("Decided on"), not_future=True)
    reasons = forms.CharField(label=_("Reasons"), max_length=20_000,
                              widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip

    def __init__(self, *args: Any, staff: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if staff is None:
            from zastita.accounts.capabilities import Capability
            from zastita.intake.public import users_with

            staff = users_with(Capability.CASES_WORK)
        # The panel's members come from the staff list: the active accounts that hold the
        # case-work capability, each with the profession typed next to them.
        people = sorted(((str(u.pk), u.full_name or u.username) for u in staff), key=lambda c: c[1])
        choices = [("", "—"), *people]
        for row in range(1, PANEL_ROWS + 1):
            self.fields[f"member_{row}"] = forms.ChoiceField(
                label=_("Member %(row)s") % {"row": row}, choices=choices, required=False
            )
            self.fields[f"profession_{row}"] = forms.CharField(
                label=_("Profession of member %(row)s") % {"row": row}, max_length=100,
                required=False,
            )  # fmt: skip
        # The reasons come last, after the panel.
        self.order_fields([name for name in self.fields if name != "reasons"] + ["reasons"])

    def main_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if not n.startswith(("member_", "profession_"))
                and n != "reasons"]  # fmt: skip

    def panel_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"member_{r}"], self[f"profession_{r}"]) for r in range(1, PANEL_ROWS + 1)]

    def _clean_panel(self, data: dict[str, Any]) -> None:
        members: list[dict[str, Any]] = []
        for row in range(1, PANEL_ROWS + 1):
            member, profession = f"member_{row}", f"profession_{row}"
            if member in self.errors:
                continue
            user = data.get(member) or ""
            stated = (data.get(profession) or "").strip()
            if user and not stated:
                self.add_error(profession, _("Type this member's profession."))
            elif stated and not user:
                self.add_error(member, _("Choose the member whose profession this is."))
            elif user and any(m["user"] == int(user) for m in members):
                self.add_error(member, _("This member is already on the panel."))
            elif user:
                members.append({"user": int(user), "profession": stated})
        if not members and not any(k.startswith(("member_", "profession_")) for k in self.errors):
            self.add_error("member_1", _("Name the panel's members and their professions."))
        data["panel"] = members

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._clean_panel(data)
        for row in range(1, PANEL_ROWS + 1):
            data.pop(f"member_{row}", None)
            data.pop(f"profession_{row}", None)
        # The service's checks that need nothing but the input, in the same round as the
        # form's own errors.
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The period ends before it begins."))
        reasons = data.get("reasons")
        if reasons is not None and len(reasons.strip()) < 20:
            self.add_error("reasons", _("Give the reasons (at least 20 characters)."))
        return data


class ProceedingForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=ProceedingStage.choices)
    authority = forms.CharField(label=_("Authority"), max_length=200, required=False)
    reference = forms.CharField(label=_("Case number"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("Procedural role"), choices=ProceduralRole.choices)
    consent = forms.ChoiceField(
        label=_("Consent to cooperate"), choices=Consent.choices, initial=Consent.NOT_ASKED
    )
    consent_on = SerbianDateField(
        label=_("Consent given or refused on"), required=False, not_future=True
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The service's checks on the input alone, in the same round as the form's own.
        if not (data.get("authority") or "").strip() and "authority" not in self.errors:
            self.add_error("authority", _("Name the police unit, prosecution office or court."))
        if not (data.get("reference") or "").strip() and "reference" not in self.errors:
            self.add_error("reference", _("Enter the case number."))
        said = data.get("consent") not in (None, Consent.NOT_ASKED)
        if said and data.get("consent_on") is None and "consent_on" not in self.errors:
            self.add_error("consent_on", _("Enter when the person said so."))
        return data


class RulesForm(forms.Form):
    text = forms.CharField(
        label=_("Indicator sets and decision rules (YAML)"), max_length=500_000,
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
    )  # fmt: skip
    comment = forms.CharField(label=_("What changed"), max_length=300)


class AttachmentForm(AttachmentUploadForm):
    field_order = ["kind", "file", "description"]

    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=500,
        help_text=_("What the document is, in a few words (stored encrypted)."),
    )  # fmt: skip


class ListFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Identifications"), required=False, initial="open",
        choices=[("open", _("under way")), ("decided", _("decided")), ("all", _("all"))],
    )  # fmt: skip
    awaiting_approval = forms.BooleanField(
        label=_("Only with a decision awaiting approval"), required=False,
        help_text=_("Under way or decided: a review or an appeal can await approval too."),
    )  # fmt: skip
