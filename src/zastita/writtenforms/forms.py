"""Forms of the written-forms pages: a form's sections, the approver's comments, a spec."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.writtenforms.specs import ParsedSpec


class SectionsForm(forms.Form):
    """The sections of one written form, each with its guidance beside it."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, spec: ParsedSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.spec = spec
        for section in spec.sections:
            self.fields[section.key] = forms.CharField(
                label=str(section.label), help_text=str(section.guidance), required=False,
                max_length=50_000,
                widget=forms.Textarea(attrs={"rows": 6, "data-autosave": "1"}),
            )  # fmt: skip

    def sections(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in self.spec.keys}


class ReturnForm(forms.Form):
    """The approver's comments on the version read (on the form's page, apart from its
    sections: its own ids)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "return_%s")
        super().__init__(*args, **kwargs)

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    comments = forms.CharField(
        label=_("Comments for the author"), max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What is to be revised (stored encrypted, kept with the form)."),
    )  # fmt: skip


class SpecForm(forms.Form):
    text = forms.CharField(
        label=_("Sections, guidance and required fields (YAML)"), max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
    )  # fmt: skip
    comment = forms.CharField(label=_("What changed"), max_length=300)
