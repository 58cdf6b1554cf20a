"""Accounts: a custom user from the first migration, and roles kept as data."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import _user_has_perm  # type: ignore[attr-defined]
from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from zastita.accounts.capabilities import Capability
from zastita.core.models import BaseModel
from zastita.core.transliteration import to_latin

username_validator = RegexValidator(
    r"^[a-z0-9._-]{3,40}$",
    _("Use 3 to 40 lowercase Latin letters, digits, dots, hyphens or underscores."),
)


class Role(BaseModel):
    """A named set of capabilities, assigned to users by the administrator."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_sr = models.CharField(_("name (Serbian, Cyrillic)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    capabilities = models.JSONField(_("capabilities"), default=list)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["code"]
        verbose_name = _("role")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        lang = (get_language() or "sr").lower()
        if lang.startswith("en"):
            return self.name_en
        if lang == "sr-latn":
            return to_latin(self.name_sr)
        return self.name_sr

    def capability_labels(self) -> list[str]:
        labels = dict(Capability.choices)
        return [str(labels.get(code, code)) for code in self.capabilities]


class UserManager(BaseUserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(username=username)


class User(AbstractBaseUser, BaseModel):
    """A person who signs in: Center staff or a partner's reporter.

    There is no superuser: every permission comes from roles, so nobody bypasses the rules.
    """

    username = models.CharField(
        _("username"), max_length=40, unique=True, validators=[username_validator]
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="sr")
    is_active = models.BooleanField(_("active"), default=True)
    roles = models.ManyToManyField(Role, blank=True, related_name="users", verbose_name=_("roles"))
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
        help_text=_("Only for partners' reporters: the organisation they report for."),
    )
    version = models.PositiveIntegerField(default=1)
    # Two-person rule for sign-in: whoever sets a password or resets MFA cannot also issue the
    # one-time activation code that enrolment requires (see services.activation_issue).
    credentials_set_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    activation_digest = models.CharField(max_length=64, blank=True)
    activation_expires_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")

    def __str__(self) -> str:
        return self.username

    @cached_property
    def capabilities(self) -> frozenset[str]:
        codes: set[str] = set()
        for role in self.roles.all():
            codes.update(role.capabilities)
        return frozenset(codes)

    @cached_property
    def role_codes(self) -> str:
        return ",".join(sorted(r.code for r in self.roles.all()))

    def has_capability(self, capability: Capability | str) -> bool:
        return self.is_active and str(capability) in self.capabilities

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self.is_active and _user_has_perm(self, perm, obj)

    def has_perms(self, perm_list: Any, obj: Any = None) -> bool:
        return all(self.has_perm(p, obj) for p in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_active
