"""Accounts: a custom user from the first migration, and roles kept as data."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from base64 import b32encode
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import _user_has_perm  # type: ignore[attr-defined]
from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.oath import TOTP

from zastita.accounts.capabilities import Capability
from zastita.core.crypto import keyring, record_context
from zastita.core.models import BaseModel
from zastita.core.registries import capabilities as capability_registry
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
        return [capability_registry.label(code) for code in self.capabilities]


class UserManager(BaseUserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(username=username)


# django-otp's Device (untyped) gives its devices a `user` key the stubs cannot follow.
class User(AbstractBaseUser, BaseModel):  # type: ignore[django-manager-missing]
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
    def _roles(self) -> list[tuple[str, list[str]]]:
        """The user's roles, read once for a request's checks and its audit: (code,
        capabilities)."""
        return [(role.code, role.capabilities) for role in self.roles.all()]

    @cached_property
    def capabilities(self) -> frozenset[str]:
        codes: set[str] = set()
        for _code, capabilities in self._roles:
            codes.update(capabilities)
        return frozenset(codes)

    @cached_property
    def role_codes(self) -> str:
        return ",".join(sorted(code for code, _capabilities in self._roles))

    def has_capability(self, capability: Capability | str) -> bool:
        return self.is_active and str(capability) in self.capabilities

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self.is_active and _user_has_perm(self, perm, obj)

    def has_perms(self, perm_list: Any, obj: Any = None) -> bool:
        return all(self.has_perm(p, obj) for p in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_active


class Team(BaseModel):
    """A team of the Center (тим): data the head of service edits. A worker belongs to one or
    more teams, and sees their teams' records (need-to-know). Holds staff, never a person the
    Center protects."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    members = models.ManyToManyField(
        User, blank=True, related_name="teams", verbose_name=_("members")
    )
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")

    def __str__(self) -> str:
        return self.name


class Assigned(models.Model):
    """What a record that someone works on carries (reports, identifications and, later,
    cases, residents …): the assigned worker, the co-workers it is shared with, and the team.
    Changed only through `assignments.public.assignment_set`, which keeps each change."""

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="assigned_%(app_label)s_%(class)s", verbose_name=_("assigned to"),
    )  # fmt: skip
    coworkers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="shared_%(app_label)s_%(class)s",
        verbose_name=_("co-workers"),
    )  # fmt: skip
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True,
        related_name="%(app_label)s_%(class)s", verbose_name=_("team"),
    )  # fmt: skip

    class Meta:
        abstract = True


# --- the second factor --------------------------------------------------------------------
# The second factor, kept as secrets should be. django-otp's own TOTP and static devices
# store the TOTP key and the recovery codes in clear; these two devices use its `Device`,
# throttling and TOTP algorithm (so its login flow finds and verifies them like any other),
# but keep the key encrypted under the keyring, bound to its account, and the recovery codes
# only as keyed digests.

KEY_BYTES = 20  # RFC 4226's recommended length for HMAC-SHA1
PURPOSE_RECOVERY = b"zastita/mfa-recovery-codes/v1"


class SealedTOTPDevice(TimestampMixin, ThrottlingMixin, Device):
    """An authenticator app (RFC 6238, SHA-1, 6 digits, 30 s), its key encrypted at rest."""

    sealed_key = models.TextField(editable=False)
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    # The time step of the last code accepted: a code is never accepted twice.
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = "TOTP device"

    @classmethod
    def issue(cls, *, user: Any, name: str, confirmed: bool = False) -> SealedTOTPDevice:
        device = cls(user=user, name=name, confirmed=confirmed)
        device.seal_key(secrets.token_bytes(KEY_BYTES))
        device.save()
        return device

    def _context(self) -> bytes:
        # Bound to the account: a key copied onto another account's row does not decrypt.
        return record_context("totp", self.user_id)

    def seal_key(self, key: bytes) -> None:
        self.sealed_key = keyring().encrypt(key.hex(), context=self._context())

    @property
    def bin_key(self) -> bytes:
        return bytes.fromhex(keyring().decrypt(self.sealed_key, context=self._context()))

    def _totp(self) -> TOTP:
        totp = TOTP(self.bin_key, self.step, self.t0, self.digits, self.drift)
        totp.time = time.time()
        return totp

    def current_code(self) -> str:
        """The code the app shows now (for the demo's `zastita totp` and the tests)."""
        return f"{self._totp().token():0{self.digits}d}"

    def verify_token(self, token: Any) -> bool:
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        try:
            value = int(str(token).strip())
        except ValueError:
            self.throttle_increment(commit=True)
            return False
        totp = self._totp()
        if not totp.verify(value, self.tolerance, self.last_t + 1):
            self.throttle_increment(commit=True)
            return False
        self.last_t, self.drift = totp.t(), totp.drift
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1))

    @property
    def config_url(self) -> str:
        """otpauth:// for the authenticator app (Google's key URI format)."""
        issuer = str(getattr(settings, "OTP_TOTP_ISSUER", "") or "").replace(":", "")
        label = f"{issuer}:{self.user.get_username()}" if issuer else self.user.get_username()
        params = urlencode({
            "secret": b32encode(self.bin_key).decode().rstrip("="), "algorithm": "SHA1",
            "digits": self.digits, "period": self.step,
        })  # fmt: skip
        if issuer:
            params += f"&issuer={quote(issuer)}"
        return f"otpauth://totp/{quote(label)}?{params}"


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """Single-use recovery codes, kept as HMAC-SHA256 digests under a keyring key: the
    database alone does not give them away, and a code is deleted when used."""

    # The keyring key the digests were made with (codes outlive a key rotation).
    key_id = models.CharField(max_length=16)

    class Meta(Device.Meta):
        verbose_name = "recovery codes"

    def digest(self, code: str) -> str:
        _kid, key = keyring().derive(PURPOSE_RECOVERY, self.key_id)
        normal = code.strip().lower().replace(" ", "")
        return hmac.new(key, normal.encode(), hashlib.sha256).hexdigest()

    @classmethod
    def issue(cls, *, user: Any, codes: list[str]) -> RecoveryCodeDevice:
        device = cls.objects.create(
            user=user, name="recovery", confirmed=True, key_id=keyring().active_id
        )
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, digest=device.digest(code)) for code in codes
        )
        return device

    def verify_token(self, token: Any) -> bool:
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        # Deleting is the check: of two requests with the same code, only one deletes it,
        # whatever the database.
        deleted, _rows = self.codes.filter(digest=self.digest(str(token))).delete()
        if not deleted:
            self.throttle_increment(commit=True)
            return False
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1))


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return f"recovery code {self.pk}"
