"""Writes for accounts: users, roles, passwords and MFA devices. Each one is audited."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.capabilities import Capability, mixes_administration_with_other
from zastita.accounts.models import RecoveryCodeDevice, Role, SealedTOTPDevice, User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.concurrency import check_version
from zastita.core.crypto import keyring
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.core.registries import capabilities as capability_registry
from zastita.partners.models import Organisation

RECOVERY_CODE_COUNT = 10


def _require(actor: User, perm: str, obj: object = None, *, object_type: str) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(object_type=object_type, object_id=str(getattr(obj, "pk", "")))


def _validate_roles(roles: Iterable[Role], organisation: Organisation | None) -> list[Role]:
    roles = list(roles)
    codes: set[str] = set()
    for role in roles:
        codes.update(role.capabilities)
    if mixes_administration_with_other(codes):
        raise ValidationError(
            fields={
                "roles": [
                    _(
                        "An account that administers users or reference data cannot hold "
                        "any other role. Use two separate accounts."
                    )
                ]
            }
        )
    if Capability.REPORTS_SUBMIT in codes and organisation is None:
        raise ValidationError(
            fields={"organisation": [_("A partner reporter must belong to an organisation.")]}
        )
    return roles


def _validate_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationError(fields={"password": list(exc.messages)}) from exc


@transaction.atomic(durable=True)
def user_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    email: str = "",
    password: str,
    roles: Iterable[Role] = (),
    organisation: Organisation | None = None,
) -> User:
    _require(actor, "accounts.manage_users", object_type="user")
    if User.objects.filter(username=username).exists():
        raise ValidationError(fields={"username": [_("This username is already taken.")]})
    role_list = _validate_roles(roles, organisation)
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        organisation=organisation,
        credentials_set_by=actor,
    )
    _validate_password(password, user)
    user.set_password(password)
    user.save()
    user.roles.set(role_list)
    audit_record(
        action=Action.CREATE, actor=actor, object_type="user", object_id=user.pk,
        purpose=Purpose.ADMINISTRATION,
    )  # fmt: skip
    return user


@transaction.atomic(durable=True)
def user_update(
    *,
    actor: User,
    user: User,
    version: int | None,
    full_name: str,
    email: str,
    is_active: bool,
    roles: Iterable[Role],
    organisation: Organisation | None,
) -> User:
    _require(actor, "accounts.manage_users", user, object_type="user")
    locked = User.objects.select_for_update().get(pk=user.pk)
    check_version(locked.version, version)
    role_list = _validate_roles(roles, organisation)
    current_roles = set(locked.roles.values_list("pk", flat=True))
    roles_changed = current_roles != {r.pk for r in role_list}
    if roles_changed and not actor.has_perm("accounts.change_roles_of", locked):
        raise ValidationError(fields={"roles": [_("You cannot change your own roles.")]})
    if locked.pk == actor.pk and not is_active:
        raise ValidationError(fields={"is_active": [_("You cannot deactivate your own account.")]})
    deactivating = locked.is_active and not is_active
    locked.full_name, locked.email = full_name, email
    locked.is_active, locked.organisation = is_active, organisation
    locked.version += 1
    locked.save(
        update_fields=["full_name", "email", "is_active", "organisation", "version", "updated_at"]
    )
    if roles_changed:
        locked.roles.set(role_list)
    if deactivating:
        from zastita.accounts.session_end import end_sessions

        end_sessions(user_id=locked.pk)
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="user", object_id=locked.pk,
        purpose=Purpose.ADMINISTRATION,
    )  # fmt: skip
    return locked


@transaction.atomic(durable=True)
def user_unlock(*, actor: User, user: User) -> User:
    """Lifts a lockout after five failed sign-ins."""
    _require(actor, "accounts.manage_users", user, object_type="user")
    axes_reset(username=user.username)
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="user_lockout", object_id=user.pk,
        purpose=Purpose.SECURITY,
    )  # fmt: skip
    return user


@transaction.atomic(durable=True)
def user_reset_mfa(*, actor: User, user: User) -> User:
    """Removes a user's authenticators (a lost phone); they enrol again at next sign-in."""
    _require(actor, "accounts.manage_users", user, object_type="user")
    if user.pk == actor.pk:
        raise ValidationError(fields={"__all__": [_("You cannot reset your own MFA.")]})
    SealedTOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    user.credentials_set_by = actor
    user.activation_digest, user.activation_expires_at = "", None
    user.save(update_fields=["credentials_set_by", "activation_digest", "activation_expires_at"])
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="user_mfa", object_id=user.pk,
        purpose=Purpose.SECURITY,
    )  # fmt: skip
    return user


@transaction.atomic(durable=True)
def user_set_password(*, actor: User, old_password: str, new_password: str) -> User:
    if not actor.check_password(old_password):
        raise ValidationError(fields={"old_password": [_("The current password is not correct.")]})
    _validate_password(new_password, actor)
    actor.set_password(new_password)
    actor.save(update_fields=["password", "updated_at"])
    audit_record(
        action=Action.UPDATE, actor=actor, object_type="user_password", object_id=actor.pk,
        purpose=Purpose.SELF_SERVICE,
    )  # fmt: skip
    return actor


@transaction.atomic(durable=True)
def user_set_language(*, actor: User, language: str) -> User:
    actor.language = language
    actor.save(update_fields=["language", "updated_at"])
    return actor


@transaction.atomic(durable=True)
def role_save(
    *,
    actor: User,
    role: Role | None,
    version: int | None,
    code: str,
    name_sr: str,
    name_en: str,
    capabilities: Iterable[str],
) -> Role:
    _require(actor, "accounts.manage_roles", role, object_type="role")
    caps = sorted(set(capabilities))
    unknown = [c for c in caps if c not in capability_registry.capabilities]
    if unknown:
        raise ValidationError(fields={"capabilities": [_("Unknown capability.")]})
    if mixes_administration_with_other(set(caps)):
        raise ValidationError(
            fields={
                "capabilities": [_("A role that administers cannot carry any other capability.")]
            }
        )
    if role is None:
        if Role.objects.filter(code=code).exists():
            raise ValidationError(fields={"code": [_("A role with this code already exists.")]})
        role = Role.objects.create(code=code, name_sr=name_sr, name_en=name_en, capabilities=caps)
        action = Action.CREATE
    else:
        role = Role.objects.select_for_update().get(pk=role.pk)
        check_version(role.version, version)
        if actor.roles.filter(pk=role.pk).exists():
            raise ValidationError(
                fields={"capabilities": [_("You cannot change a role you hold yourself.")]}
            )
        holders = User.objects.filter(roles=role).prefetch_related("roles")
        for holder in holders:
            others = {c for r in holder.roles.all() if r.pk != role.pk for c in r.capabilities}
            if mixes_administration_with_other(others | set(caps)):
                raise ValidationError(
                    fields={
                        "capabilities": [
                            _(
                                "Some holders of this role also administer the system; "
                                "they cannot hold any other capability."
                            )
                        ]
                    }
                )
        role.name_sr, role.name_en, role.capabilities = name_sr, name_en, caps
        role.version += 1
        role.save(update_fields=["name_sr", "name_en", "capabilities", "version", "updated_at"])
        action = Action.UPDATE
    audit_record(
        action=action, actor=actor, object_type="role", object_id=role.pk,
        purpose=Purpose.ADMINISTRATION,
    )  # fmt: skip
    return role


# --- MFA -------------------------------------------------------------------------------


def mfa_pending_device(*, user: User) -> SealedTOTPDevice:
    """The unconfirmed authenticator being enrolled, created on first use."""
    device = SealedTOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = SealedTOTPDevice.issue(user=user, name="TOTP")
    return device


def mfa_confirm_enrolment(*, user: User, token: str) -> tuple[SealedTOTPDevice, list[str]] | None:
    """Confirms the pending authenticator with a first code and issues recovery codes.

    Returns None for a wrong code; the device's throttle counter is kept either way.
    """
    with transaction.atomic():
        # Locked: two requests with the same first code confirm one device, once.
        device = (
            SealedTOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        )
        if device is None or not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        SealedTOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = mfa_new_recovery_codes(user=user)
        user.activation_digest, user.activation_expires_at = "", None
        user.save(update_fields=["activation_digest", "activation_expires_at"])
        audit_record(
            action=Action.CREATE, actor=user, object_type="user_mfa", object_id=user.pk,
            purpose=Purpose.SECURITY,
        )  # fmt: skip
    return device, codes


# --- activation: the second person behind every new or reset sign-in --------------------

ACTIVATION_TTL = timedelta(hours=72)
_ACTIVATION_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _activation_digest(code: str) -> str:
    normal = code.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(normal.encode()).hexdigest()


def needs_activation(user: User) -> bool:
    return not SealedTOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic(durable=True)
def activation_issue(*, actor: User, user: User) -> str:
    """Issues the one-time code a person needs to enrol an authenticator (valid 72 hours).

    The issuer must hold `users.activate` and be neither the person nor whoever set their
    password or reset their MFA: no single person can both know a password and enrol its MFA.
    """
    if not actor.has_perm("accounts.issue_activation", user):
        raise PermissionDenied(object_type="user_activation", object_id=str(user.pk))
    if not needs_activation(user) or not user.is_active:
        raise ValidationError(
            fields={"__all__": [_("This account does not need an activation code.")]}
        )
    raw = "".join(secrets.choice(_ACTIVATION_ALPHABET) for _ in range(10))
    user.activation_digest = _activation_digest(raw)
    user.activation_expires_at = timezone.now() + ACTIVATION_TTL
    user.save(update_fields=["activation_digest", "activation_expires_at"])
    audit_record(
        action=Action.CREATE, actor=actor, object_type="user_activation", object_id=user.pk,
        purpose=Purpose.SECURITY,
    )  # fmt: skip
    return f"{raw[:5]}-{raw[5:]}"


def activation_matches(*, user: User, code: str) -> bool:
    if not user.activation_digest or user.activation_expires_at is None:
        return False
    if user.activation_expires_at < timezone.now():
        return False
    return hmac.compare_digest(user.activation_digest, _activation_digest(code))


def mfa_reseal(*, batch_size: int = 500) -> tuple[int, int, int]:
    """After a key rotation: every authenticator key sealed under an older key is sealed
    again under the active one. Returns (keys sealed again, keys that cannot be opened
    because their key is not in the key file, accounts whose recovery codes are digested
    under an older key: those cannot be re-made without the codes, so that key stays until
    the accounts get new codes)."""
    from zastita.core.crypto import KeyringError

    active = keyring().active_id
    ids = list(
        SealedTOTPDevice.objects.exclude(sealed_key__startswith=f"{active}:")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = missing = 0
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            batch = list(
                SealedTOTPDevice.objects.select_for_update().filter(
                    pk__in=ids[start : start + batch_size]
                )
            )
            resealed = []
            for device in batch:
                try:
                    device.seal_key(device.bin_key)
                except KeyringError:
                    missing += 1
                    continue
                resealed.append(device)
            SealedTOTPDevice.objects.bulk_update(resealed, ["sealed_key"])
            done += len(resealed)
    older = RecoveryCodeDevice.objects.exclude(key_id=active).count()
    return done, missing, older


def mfa_new_recovery_codes(*, user: User) -> list[str]:
    RecoveryCodeDevice.objects.filter(user=user).delete()
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCodeDevice.issue(user=user, codes=codes)
    return codes
