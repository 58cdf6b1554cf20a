"""Forms of the documents pages: the register's filters, the search, a correction and a
template version."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zastita.core.dates import SerbianDateField
from zastita.core.registries.documents import document_types
from zastita.documents.selectors import parse_registry_number


def _type_choices() -> list[tuple[str, str]]:
    types = sorted(document_types, key=lambda t: str(t.label))
    return [("", str(_("all types"))), *((t.code, str(t.label)) for t in types)]


def _subject_choices() -> list[tuple[str, str]]:
    kinds = {t.subject_type: str(t.subject_label or t.subject_type) for t in document_types}
    return [("", str(_("all"))), *sorted(kinds.items(), key=lambda kind: kind[1])]


class RegisterFilterForm(forms.Form):
    type_code = forms.ChoiceField(label=_("Type of document"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2999)
    number = forms.IntegerField(label=_("Number"), required=False, min_value=1)
    subject_type = forms.ChoiceField(label=_("Kind of record"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["type_code"].choices = _type_choices()  # type: ignore[attr-defined]
        self.fields["subject_type"].choices = _subject_choices()  # type: ignore[attr-defined]
        self.fields["year"].help_text = _("For example %(year)s.") % {
            "year": timezone.localdate().year
        }


class SearchForm(forms.Form):
    registry_number = forms.CharField(
        label=_("Registry number"), max_length=20,
        help_text=_("Number and year, for example 0007/2026."),
    )  # fmt: skip

    def clean_registry_number(self) -> tuple[int, int]:
        parsed = parse_registry_number(self.cleaned_data["registry_number"])
        if parsed is None:
            raise forms.ValidationError(_("Write the number and the year, for example 0007/2026."))
        return parsed


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the document is corrected"), max_length=2000, min_length=5,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A new document is issued and this one is cancelled. Stored encrypted."),
    )  # fmt: skip
    # Only for a document its author writes (form 6): the text of the correction.
    text = forms.CharField(
        label=_("Corrected text"), max_length=20_000, required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )  # fmt: skip

    def __init__(self, *args: Any, written: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not written:
            del self.fields["text"]


class TemplateForm(forms.Form):
    body = forms.CharField(
        label=_("Template (HTML with template tags)"), max_length=200_000, strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
    )  # fmt: skip


class DocxTemplateForm(forms.Form):
    """A Word template (DOCX) for the copy the Center edits by hand before signing."""

    docx = forms.FileField(
        label=_("Word template (.docx)"),
        help_text=_("A Word file with the values in double braces, for example "
                    "{{ registry_number }}. At most 2 MB, without macros."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )  # fmt: skip


class WriteForm(forms.Form):
    """The text of a document its author writes (the general official note, form 6)."""

    text = forms.CharField(
        label=_("Text of the note"), max_length=20_000, min_length=10,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("It is issued as a numbered document, stored encrypted, and cannot be "
                    "changed afterwards: a correction is a new document."),
    )  # fmt: skip
    # One submission, one document: a second post of the same page returns the first.
    token = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=16)


class AnswerForm(forms.Form):
    """The answer to a document that asks for one, recorded as an incoming document."""

    sender = forms.CharField(label=_("Sent by (institution or professional)"), max_length=200)
    received_on = SerbianDateField(label=_("Received on"), not_future=True)
    summary = forms.CharField(
        label=_("What the answer says"), max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "answer_%s")
        super().__init__(*args, **kwargs)
