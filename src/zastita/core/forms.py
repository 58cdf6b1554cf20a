"""Helpers shared by forms."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates

from zastita.core.errors import ApplicationError


def apply_errors(form: forms.Form, error: ApplicationError) -> None:
    """Puts a service's field errors on the form, keeping everything the user typed."""
    if not error.fields:
        form.add_error(None, str(error.message))
    for field, messages in error.fields.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


class FormRenderer(DjangoTemplates):
    """Django's renderer with the project's field template (errors at their field)."""

    field_template_name = "core/forms/field.html"
