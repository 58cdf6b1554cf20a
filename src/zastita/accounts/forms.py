"""Forms for sign-in, MFA, passwords and user and role administration.

Forms only parse and validate input; services do the writing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zastita.accounts.models import Role, username_validator
from zastita.core.registries import capabilities as capability_registry
from zastita.partners.models import Organisation


class OneTimeCodeInput(forms.TextInput):
    """A visible input for a code that is typed, not remembered (TOTP, recovery, activation):
    like a password field, it never renders a value back, so a wrong code is not echoed."""

    def format_value(self, value: Any) -> str | None:
        return None


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The six-digit code from your authenticator app, or a recovery code."),
        widget=OneTimeCodeInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).strip().replace(" ", "")


class ActivationForm(forms.Form):
    code = forms.CharField(
        label=_("Activation code"),
        max_length=20,
        help_text=_("The one-time code the head of service gave you, for example ABCDE-23456."),
        widget=OneTimeCodeInput(attrs={"autocomplete": "off", "autofocus": True}),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=_("New password"),
        strip=False,
        help_text=_("At least 12 characters; not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password_again = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password") and data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", _("The two new passwords differ."))
        return data


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Role) -> str:
        return obj.display_name


class _UserFieldsForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    roles = RoleChoiceField(
        label=_("Roles"),
        queryset=Role.objects.order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        help_text=_("Only for partners' reporters."),
    )


class UserCreateForm(_UserFieldsForm):
    username = forms.CharField(label=_("Username"), max_length=40, validators=[username_validator])
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        help_text=_("At least 12 characters. Give it to the person by a separate channel."),
        # Never rendered back after an error: the administrator types it again.
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False),
    )
    field_order = ["username", "full_name", "email", "password", "roles", "organisation"]


class UserUpdateForm(_UserFieldsForm):
    is_active = forms.BooleanField(label=_("Active"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class RoleForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name_sr = forms.CharField(label=_("Name in Serbian (Cyrillic)"), max_length=120)
    name_en = forms.CharField(label=_("Name in English"), max_length=120)
    capabilities = forms.MultipleChoiceField(
        label=_("Capabilities"),
        choices=capability_registry.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_name_sr(self) -> str:
        value = str(self.cleaned_data["name_sr"])
        if not any("\u0400" <= ch <= "\u04ff" for ch in value):
            raise forms.ValidationError(_("Write the Serbian name in Cyrillic."))
        return value
