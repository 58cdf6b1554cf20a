"""Forms for the person registry: parsing only; validation of identity is in the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zastita.core import reference
from zastita.core.dates import SerbianDateField
from zastita.people.identity import Document, Identity
from zastita.people.models import (
    DocumentHolder,
    DocumentType,
    Education,
    Ethnicity,
    MaritalStatus,
    Person,
    RelationKind,
    Sex,
)

DOCUMENT_ROWS = 2


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
    birth_date = SerbianDateField(label=_("Date of birth"), required=False, not_future=True)
    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False, min_value=1900, max_value=2100,
        help_text=_("When the full date is not known."),
    )  # fmt: skip
    estimated_age = forms.IntegerField(
        label=_("Estimated age"), required=False, min_value=0, max_value=120,
        help_text=_("When neither the date nor the year of birth is known."),
    )  # fmt: skip
    age_disputed = forms.BooleanField(label=_("Age is disputed"), required=False)
    jmbg = forms.CharField(label=_("ЈМБГ"), max_length=20, required=False)
    place_of_birth = forms.CharField(label=_("Place of birth"), max_length=100, required=False)
    phones = forms.CharField(
        label=_("Phone numbers"), required=False, help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    emails = forms.CharField(
        label=_("E-mail addresses"), required=False, help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 1}),
    )  # fmt: skip
    addresses = forms.CharField(
        label=_("Addresses"), required=False, help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    citizenships = forms.MultipleChoiceField(
        label=_("Citizenships"), required=False, choices=reference.country_choices,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )  # fmt: skip
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, choices=reference.language_choices,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )  # fmt: skip
    marital_status = forms.ChoiceField(
        label=_("Marital status"), choices=MaritalStatus.choices, initial=MaritalStatus.UNKNOWN,
        required=False,
    )  # fmt: skip
    education = forms.ChoiceField(
        label=_("Education"), choices=Education.choices, initial=Education.UNKNOWN,
        required=False,
    )  # fmt: skip
    disability = forms.NullBooleanField(
        label=_("Disability"),
        widget=forms.Select(
            choices=[("unknown", _("unknown")), ("true", _("yes")), ("false", _("no"))]
        ),
    )
    ethnicity = forms.ChoiceField(
        label=_("Ethnicity (as the person declares it)"), required=False,
        choices=[("", _("not recorded")), *Ethnicity.choices],
    )  # fmt: skip
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    sealed = forms.BooleanField(
        label=_("Sealed file"),
        required=False,
        help_text=_("The name is hidden by default, as for a child."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_new = forms.BooleanField(
        label=_("None of the persons listed above is this person: register a new one."),
        required=False,
    )

    def __init__(
        self, *args: Any, editing: bool = False, masked: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for row in range(1, DOCUMENT_ROWS + 1):
            self.fields[f"doc{row}_type"] = forms.ChoiceField(
                label=_("Document %(n)s: type") % {"n": row}, required=False,
                choices=[("", "—"), *DocumentType.choices],
            )  # fmt: skip
            self.fields[f"doc{row}_number"] = forms.CharField(
                label=_("Document %(n)s: number") % {"n": row}, max_length=40, required=False
            )
            self.fields[f"doc{row}_issuer"] = forms.CharField(
                label=_("Document %(n)s: issued by") % {"n": row}, max_length=100,
                required=False,
            )  # fmt: skip
            self.fields[f"doc{row}_holder"] = forms.ChoiceField(
                label=_("Document %(n)s: who holds it now") % {"n": row}, required=False,
                choices=[("", "—"), *DocumentHolder.choices],
            )  # fmt: skip
        if not settings.ZASTITA_RECORD_ETHNICITY:
            del self.fields["ethnicity"]
        if editing:
            del self.fields["confirm_new"]
        else:
            del self.fields["version"]
        if masked:
            # A child's or sealed file: the service refuses the change without a reason.
            self.fields["reason"] = forms.CharField(
                label=_("Why are you changing this record?"), required=False, max_length=1000,
                help_text=_("Recorded and shown to the head of service."),
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    @classmethod
    def initial_for(cls, person: Person, identity: Identity) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "first_name": identity.first_name, "last_name": identity.last_name,
            "parent_name": identity.parent_name, "maiden_name": identity.maiden_name,
            "aliases": "\n".join(identity.aliases), "jmbg": identity.jmbg,
            "birth_date": identity.birth_date, "place_of_birth": identity.place_of_birth,
            "phones": "\n".join(identity.phones), "emails": "\n".join(identity.emails),
            "addresses": "\n".join(identity.addresses), "notes": identity.notes,
            "sex": person.sex, "birth_year": person.birth_year,
            "estimated_age": person.estimated_age, "age_disputed": person.age_disputed,
            "citizenships": person.citizenships, "languages": person.languages,
            "marital_status": person.marital_status, "education": person.education,
            "disability": person.disability, "ethnicity": person.ethnicity,
            "sealed": person.sealed, "version": person.version,
        }  # fmt: skip
        for row, document in enumerate(identity.documents[:DOCUMENT_ROWS], start=1):
            initial.update(
                {f"doc{row}_type": document.type, f"doc{row}_number": document.number,
                 f"doc{row}_issuer": document.issuer, f"doc{row}_holder": document.holder}
            )  # fmt: skip
        return initial

    def documents(self) -> list[Document]:
        d = self.cleaned_data
        documents = []
        for row in range(1, DOCUMENT_ROWS + 1):
            values = [d.get(f"doc{row}_{part}", "") for part in ("type", "number", "issuer")]
            holder = d.get(f"doc{row}_holder", "")
            if any(values) or holder:
                documents.append(
                    Document(type=values[0], number=values[1].strip(), issuer=values[2].strip(),
                             holder=holder)
                )  # fmt: skip
        return documents

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The registry's own checks as well (a name, the ЈМБГ against the date of birth...),
        # so every problem comes back in one round, not one more after each correction.
        from zastita.core.errors import ApplicationError
        from zastita.people.services import clean_identity

        partial = Identity(
            first_name=data.get("first_name") or "", last_name=data.get("last_name") or "",
            aliases=_lines(data.get("aliases") or ""), jmbg=(data.get("jmbg") or "").strip(),
            birth_date=data.get("birth_date"), phones=_lines(data.get("phones") or ""),
            emails=_lines(data.get("emails") or ""), documents=self.documents(),
        )  # fmt: skip
        marked = self._mark_document_rows()
        try:
            clean_identity(partial, birth_year=data.get("birth_year"))
        except ApplicationError as exc:
            for name, messages in exc.fields.items():
                if name == "documents" and marked:
                    continue  # already said at the row's own fields
                if name not in self.errors:
                    for message in messages:
                        self.add_error(name if name in self.fields else None, message)
        return data

    def _mark_document_rows(self) -> bool:
        """The service's document rules, said at the fields of the row they concern."""
        d = self.cleaned_data
        marked = False
        for row in range(1, DOCUMENT_ROWS + 1):
            kind, holder = d.get(f"doc{row}_type", ""), d.get(f"doc{row}_holder", "")
            number = (d.get(f"doc{row}_number") or "").strip()
            if not (kind or holder or number or (d.get(f"doc{row}_issuer") or "").strip()):
                continue
            for name, value in ((f"doc{row}_type", kind), (f"doc{row}_holder", holder)):
                if not value and name not in self.errors:
                    self.add_error(name, _("Choose the type and the holder."))
                    marked = True
            missing_number = kind and kind != DocumentType.OTHER and not number
            if missing_number and f"doc{row}_number" not in self.errors:
                self.add_error(f"doc{row}_number", _("Enter the document's number."))
                marked = True
        return marked

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
            emails=_lines(d["emails"]),
            addresses=_lines(d["addresses"]),
            documents=self.documents(),
            notes=d["notes"],
        )

    def descriptive(self) -> dict[str, Any]:
        d = self.cleaned_data
        descriptive = {
            name: d[name]
            for name in ("sex", "birth_year", "estimated_age", "age_disputed", "citizenships",
                         "languages", "marital_status", "education", "disability", "sealed")
        }  # fmt: skip
        descriptive["marital_status"] = d["marital_status"] or MaritalStatus.UNKNOWN
        descriptive["education"] = d["education"] or Education.UNKNOWN
        descriptive["age_estimated_on"] = (
            timezone.localdate() if d["estimated_age"] is not None else None
        )
        if "ethnicity" in self.fields:
            descriptive["ethnicity"] = d["ethnicity"]
        return descriptive


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


class RelationForm(forms.Form):
    relative_code = forms.CharField(
        label=_("Code of the relative in the registry"),
        max_length=16,
        help_text=_("Register the relative first if they are not in the registry."),
    )
    kind = forms.ChoiceField(label=_("Relation"), choices=RelationKind.choices)
    appointed_by: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Appointed by (for a guardian)"), required=False, queryset=None
    )
    since = SerbianDateField(label=_("Since"), required=False, not_future=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from zastita.partners.models import Organisation, Sector

        super().__init__(*args, **kwargs)
        field = self.fields["appointed_by"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(sector=Sector.SOCIAL_WORK, is_active=True)


class EndRelationForm(forms.Form):
    ended_on = SerbianDateField(label=_("Ended on"), not_future=True)
