"""The second factor at rest: the authenticator key encrypted and bound to its account,
recovery codes kept as keyed digests and used once, and devices django-otp kept in clear
carried over by the migration (the same key and codes still work), their clear copies gone."""

from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidTag
from django.db import connection
from django_otp.oath import totp

from zastita.accounts.models import RecoveryCode, RecoveryCodeDevice, SealedTOTPDevice
from zastita.accounts.services import mfa_new_recovery_codes

from ..conftest import migrate_to


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
    assert stored == {device.digest(code) for code in codes}
    assert all(len(digest) == 64 and code not in digest for code in codes for digest in stored)
    assert not device.verify_token("000000-000000")
    device.throttle_reset()
    assert device.verify_token(f"  {codes[0].upper()} ")
    assert not device.verify_token(codes[0])
    assert RecoveryCode.objects.filter(device=device).count() == len(codes) - 1


BEFORE = [("accounts", "0004_activation")]
AFTER = [("accounts", "0005_sealed_second_factor")]

# django-otp's plugin tables as a database that had them holds them (the columns read).
TS = "timestamp with time zone NULL"
DEVICE = (
    "id integer PRIMARY KEY, user_id integer, name varchar(64), confirmed boolean, "
    f"throttling_failure_timestamp {TS}, throttling_failure_count integer, created_at {TS}, "
    f"last_used_at {TS}"
)
OLD_SCHEMA = [
    f"CREATE TABLE otp_totp_totpdevice ({DEVICE}, key varchar(80), step smallint, t0 bigint, "
    "digits smallint, tolerance smallint, drift smallint, last_t bigint)",
    f"CREATE TABLE otp_static_staticdevice ({DEVICE})",
    "CREATE TABLE otp_static_statictoken (id integer PRIMARY KEY, device_id integer, "
    "token varchar(16))",
]


@pytest.mark.django_db(transaction=True)
def test_devices_kept_in_clear_are_sealed_and_their_tables_dropped():
    import datetime

    from django.utils import timezone

    old = migrate_to(BEFORE)
    created = timezone.now() - datetime.timedelta(days=40)
    hex_key = "3132333435363738393031323334353637383930"
    try:
        user = old.get_model("accounts", "User").objects.create(username="clear", full_name="C")
        with connection.cursor() as cursor:
            for statement in OLD_SCHEMA:
                cursor.execute(statement)
            cursor.execute(
                "INSERT INTO otp_totp_totpdevice VALUES "
                "(1, %s, 'TOTP', %s, NULL, 2, %s, NULL, %s, 30, 0, 8, 1, 1, 12345)",
                [user.pk, True, created, hex_key.upper()],
            )
            cursor.execute(
                "INSERT INTO otp_static_staticdevice VALUES (7, %s, 'recovery', %s, NULL, 0, "
                "%s, NULL)", [user.pk, True, created],
            )  # fmt: skip
            cursor.execute("INSERT INTO otp_static_statictoken VALUES (1, 7, 'ABC123-DEF456')")
    finally:
        migrate_to(AFTER)
    tables = set(connection.introspection.table_names())
    assert not tables & {"otp_totp_totpdevice", "otp_static_staticdevice", "otp_static_statictoken"}
    device = SealedTOTPDevice.objects.get(user_id=user.pk)
    assert device.bin_key == bytes.fromhex(hex_key)
    assert hex_key not in device.sealed_key.lower()
    assert (device.digits, device.drift, device.last_t, device.throttling_failure_count) == (
        8, 1, 12345, 2
    )  # fmt: skip
    assert device.created_at == created
    assert device.verify_token(f"{totp(bytes.fromhex(hex_key), digits=8, drift=1):08d}")
    recovery = RecoveryCodeDevice.objects.get(user_id=user.pk)
    assert recovery.created_at == created
    assert recovery.verify_token("abc123-def456")
    assert not recovery.verify_token("abc123-def456")


@pytest.mark.django_db(transaction=True)
def test_going_back_is_refused_while_sealed_devices_exist(worker_user):
    with pytest.raises(RuntimeError):
        migrate_to(BEFORE)
    assert SealedTOTPDevice.objects.filter(user=worker_user).exists()
