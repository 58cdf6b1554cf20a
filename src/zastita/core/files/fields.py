"""The file field of every upload form: when no file came, it says so at the field, in
the user's language (Django's own text speaks of "the encoding type on the form")."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class UploadField(forms.FileField):
    default_error_messages = {
        "required": _("Choose the file to attach."),
        "missing": _("Choose the file to attach."),
        "invalid": _("No file arrived. Choose the file again and attach it."),
        "empty": _("The file is empty."),
    }
