"""The keyring: AES-256-GCM with key ids, HKDF-separated purposes, strict parsing."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.exceptions import InvalidTag
from django.test import override_settings

from zastita.core.crypto import (
    PURPOSE_AUDIT,
    PURPOSE_BLIND_INDEX,
    Keyring,
    KeyringError,
    keyring,
    new_keyring_json,
)
from zastita.core.synthetic import generate


def _ring(active: str = "k1", **keys: bytes) -> Keyring:
    return Keyring.from_json(
        json.dumps(
            {"active": active, "keys": {k: base64.b64encode(v).decode() for k, v in keys.items()}}
        )
    )


def test_round_trip_and_key_id_prefix():
    person = next(generate(1, seed=11))
    name = f"{person.given_name} {person.surname}"
    ring = _ring(k1=b"a" * 32)
    token = ring.encrypt(name)
    assert token.startswith("k1:")
    assert person.surname not in token
    assert ring.decrypt(token) == name


def test_each_encryption_is_different():
    ring = _ring(k1=b"a" * 32)
    assert ring.encrypt("x") != ring.encrypt("x")


def test_old_values_decrypt_after_rotation():
    old = _ring("k1", k1=b"a" * 32)
    token = old.encrypt("стара вредност")
    rotated = _ring("k2", k1=b"a" * 32, k2=b"b" * 32)
    assert rotated.decrypt(token) == "стара вредност"
    assert rotated.encrypt("нова").startswith("k2:")


def test_tampering_and_wrong_context_fail():
    ring = _ring(k1=b"a" * 32)
    token = ring.encrypt("x", context=b"person:1:name")
    with pytest.raises(InvalidTag):
        ring.decrypt(token, context=b"person:2:name")
    raw = bytearray(base64.b64decode(token[3:]))
    raw[-1] ^= 1
    with pytest.raises(InvalidTag):
        ring.decrypt("k1:" + base64.b64encode(bytes(raw)).decode(), context=b"person:1:name")


def test_purposes_use_different_keys():
    ring = _ring(k1=b"a" * 32)
    assert ring.derive(PURPOSE_AUDIT)[1] != ring.derive(PURPOSE_BLIND_INDEX)[1]
    assert ring.derive(PURPOSE_AUDIT)[1] != b"a" * 32


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        '{"active": "k9", "keys": {"k1": "' + base64.b64encode(b"a" * 32).decode() + '"}}',
        '{"active": "k1", "keys": {"k1": "' + base64.b64encode(b"short").decode() + '"}}',
        '{"active": "k1"}',
    ],
)
def test_bad_keyrings_are_refused(raw):
    with pytest.raises(KeyringError):
        Keyring.from_json(raw)


def test_generated_keyring_is_valid():
    ring = Keyring.from_json(new_keyring_json("k7"))
    assert ring.active_id == "k7"
    assert len(ring.keys["k7"]) == 32


def test_missing_key_file_is_a_clear_error(tmp_path):
    with (
        override_settings(ZASTITA_KEYS="", ZASTITA_KEYS_FILE=str(tmp_path / "none.json")),
        pytest.raises(KeyringError, match="zastita keys init"),
    ):
        keyring()


def test_key_file_is_read(tmp_path):
    path = tmp_path / "keys.json"
    path.write_text(new_keyring_json("f1"))
    with override_settings(ZASTITA_KEYS="", ZASTITA_KEYS_FILE=str(path)):
        assert keyring().active_id == "f1"


def test_a_sealed_text_opens_only_for_its_own_record_and_field():
    from cryptography.exceptions import InvalidTag

    from zastita.core.crypto import keyring, seal, unseal

    token = seal("разлог исправке", "document", 12, "cancel_reason")
    assert unseal(token, "document", 12, "cancel_reason") == "разлог исправке"
    for other in (("document", 13, "cancel_reason"), ("document", 12, "reason")):
        with pytest.raises(InvalidTag):
            unseal(token, *other)
    assert seal("", "document", 12, "cancel_reason") == ""
    assert unseal("", "document", 12, "cancel_reason") == ""
    # The contexts the apps wrote before the helper existed open with it unchanged.
    written_before = keyring().encrypt("x", context=b"identification:interview:5:notes")
    assert unseal(written_before, "identification", "interview:5:notes") == "x"
