"""The second factor at rest: the authenticator key encrypted and bound to its account,
recovery codes kept as keyed digests and used once, and devices django-otp kept in clear
carried over by the migration (the same key and codes still work), their clear copies gone."""

from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidTag
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_otp.oath import totp

from zastita.accounts.models import RecoveryCode, RecoveryCodeDevice, SealedTOTPDevice
from zastita.accounts.services import mfa_new_recovery_codes


def test_the_key_is_encrypted_and_bound_to_its_account(worker_user, make_user):
    device = SealedTOTPDevice.objects.get(user=worker_user)
    key = device.bin_key
    assert len(key) == 20
    assert key.hex() not in device.sealed_key
    # The app's code, computed by the library from the key, is accepted once.
    code = f"{totp(key, device.step, device.t0, device.digits, device.drift):06d}"
    assert device.verify_token(code)
    assert not device.verify_token(code)
    # Copied onto another account's device, the sealed key does not open.
    other = SealedTOTPDevice.objects.get(user=make_user("worker"))
    other.sealed_key = device.sealed_key
    with pytest.raises(InvalidTag):
        _ = other.bin_key


def test_the_enrolment_address_carries_the_key(worker_user):
    from base64 import b32encode

    device = SealedTOTPDevice.objects.get(user=worker_user)
    url = device.config_url
    assert url.startswith(f"otpauth://totp/Zastita%3A{worker_user.username}?")
    assert f"secret={b32encode(device.bin_key).decode().rstrip('=')}" in url
    assert url.endswith("&issuer=Zastita")


def test_recovery_codes_are_kept_as_digests_and_used_once(worker_user):
    codes = mfa_new_recovery_codes(user=worker_user)
    device = RecoveryCodeDevice.objects.get(user=worker_user)
    stored = set(RecoveryCode.objects.filter(device=device).values_list("digest", flat=True))
    assert len(stored) == len(codes)
    assert not any(code.replace("-", "") in digest for code in codes for digest in stored)
    assert not device.verify_token("000000-000000")
    device.throttle_reset()
    assert device.verify_token(f"  {codes[0].upper()} ")
    assert not device.verify_token(codes[0])
    assert RecoveryCode.objects.filter(device=device).count() == len(codes) - 1


OTP = [("otp_totp", "0003_add_timestamps"), ("otp_static", "0003_add_timestamps")]
BEFORE = [("accounts", "0004_activation"), *OTP]
AFTER = [("accounts", "0005_sealed_second_factor")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_devices_kept_in_clear_are_sealed_by_the_migration():
    old = _migrate(BEFORE)
    try:
        user = old.get_model("accounts", "User").objects.create(username="clear", full_name="C")
        hex_key = "3132333435363738393031323334353637383930"
        old.get_model("otp_totp", "TOTPDevice").objects.create(
            user_id=user.pk, name="TOTP", confirmed=True, key=hex_key
        )
        static = old.get_model("otp_static", "StaticDevice").objects.create(
            user_id=user.pk, name="recovery", confirmed=True
        )
        old.get_model("otp_static", "StaticToken").objects.create(
            device=static, token="abc123-def456"
        )
    finally:
        _migrate(AFTER)
    from django_otp.plugins.otp_static.models import StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert not TOTPDevice.objects.exists()
    assert not StaticToken.objects.exists()
    device = SealedTOTPDevice.objects.get(user_id=user.pk)
    assert device.bin_key == bytes.fromhex(hex_key)
    assert device.verify_token(f"{totp(bytes.fromhex(hex_key)):06d}")
    assert RecoveryCodeDevice.objects.get(user_id=user.pk).verify_token("abc123-def456")


@pytest.mark.django_db(transaction=True)
def test_going_back_is_refused_while_sealed_devices_exist(worker_user):
    with pytest.raises(RuntimeError):
        _migrate(BEFORE)
    assert SealedTOTPDevice.objects.filter(user=worker_user).exists()
