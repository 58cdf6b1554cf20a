"""Keys and cryptography: a versioned keyring kept outside the database.

The keyring is JSON: {"active": "k2", "keys": {"k1": "<base64 32 bytes>", "k2": "..."}}.
Each purpose (field encryption, blind indexes, audit signatures) uses its own key derived
with HKDF, so one secret never serves two purposes. Ciphertexts and signatures carry the id
of the key that made them, which is what makes rotation possible.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PURPOSE_FIELD = b"zastita/field-encryption/v1"
PURPOSE_BLIND_INDEX = b"zastita/blind-index/v1"
PURPOSE_AUDIT = b"zastita/audit-chain/v1"


class KeyringError(ImproperlyConfigured):
    pass


@dataclass(frozen=True)
class Keyring:
    active_id: str
    keys: dict[str, bytes]

    @classmethod
    def from_json(cls, raw: str) -> Keyring:
        try:
            data = json.loads(raw)
            keys = {kid: base64.b64decode(val, validate=True) for kid, val in data["keys"].items()}
            active = data["active"]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyringError("The keyring is not valid JSON of the expected shape.") from exc
        if active not in keys:
            raise KeyringError("The keyring's active key id is not among its keys.")
        for kid, key in keys.items():
            if len(key) != 32:
                raise KeyringError(f"Key {kid!r} must be 32 bytes (256 bits).")
            if not kid.isalnum() or len(kid) > 16:
                raise KeyringError("Key ids must be short and alphanumeric.")
        return cls(active_id=active, keys=keys)

    def derive(self, purpose: bytes, key_id: str | None = None) -> tuple[str, bytes]:
        kid = key_id or self.active_id
        try:
            master = self.keys[kid]
        except KeyError as exc:
            raise KeyringError(f"Key {kid!r} is not in the keyring.") from exc
        return kid, _hkdf(master, purpose)

    # AES-256-GCM with the key id as associated data: "<kid>:<base64(nonce|ciphertext)>".
    def encrypt(self, plaintext: str, *, context: bytes = b"") -> str:
        kid, key = self.derive(PURPOSE_FIELD)
        nonce = os.urandom(12)
        sealed = AESGCM(key).encrypt(nonce, plaintext.encode(), kid.encode() + b"|" + context)
        return f"{kid}:{base64.b64encode(nonce + sealed).decode()}"

    def decrypt(self, token: str, *, context: bytes = b"") -> str:
        kid, _, body = token.partition(":")
        _kid, key = self.derive(PURPOSE_FIELD, kid)
        raw = base64.b64decode(body)
        return AESGCM(key).decrypt(raw[:12], raw[12:], kid.encode() + b"|" + context).decode()

    # Files: "<kid>:" then nonce | ciphertext, as raw bytes.
    def encrypt_bytes(self, data: bytes, *, context: bytes) -> bytes:
        kid, key = self.derive(PURPOSE_FIELD)
        nonce = os.urandom(12)
        return (
            kid.encode()
            + b":"
            + nonce
            + AESGCM(key).encrypt(nonce, data, kid.encode() + b"|" + context)
        )

    def decrypt_bytes(self, blob: bytes, *, context: bytes) -> bytes:
        kid_raw, _, body = blob.partition(b":")
        kid = kid_raw.decode()
        _kid, key = self.derive(PURPOSE_FIELD, kid)
        return AESGCM(key).decrypt(body[:12], body[12:], kid.encode() + b"|" + context)

    def sign(self, message: bytes, *, purpose: bytes, key_id: str | None = None) -> tuple[str, str]:
        kid, key = self.derive(purpose, key_id)
        return kid, hmac.new(key, message, hashlib.sha256).hexdigest()


@cache
def _hkdf(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master)


def new_keyring_json(key_id: str = "k1") -> str:
    return json.dumps(
        {"active": key_id, "keys": {key_id: base64.b64encode(secrets.token_bytes(32)).decode()}},
        indent=2,
    )


def load_keyring() -> Keyring:
    raw = settings.ZASTITA_KEYS
    if not raw and settings.ZASTITA_KEYS_FILE:
        path = Path(settings.ZASTITA_KEYS_FILE)
        if not path.is_file():
            raise KeyringError(
                f"The key file named by ZASTITA_KEYS_FILE does not exist ({path.name}). "
                "Create one with `zastita keys init`."
            )
        raw = path.read_text()
    if not raw:
        raise KeyringError("No encryption keys: set ZASTITA_KEYS_FILE or ZASTITA_KEYS.")
    return Keyring.from_json(raw)


_cached: tuple[str, Keyring] | None = None


def keyring() -> Keyring:
    """The configured keyring, re-read when the configuration changes (tests override it)."""
    global _cached
    marker = f"{settings.ZASTITA_KEYS}|{settings.ZASTITA_KEYS_FILE}"
    if _cached is None or _cached[0] != marker:
        _cached = (marker, load_keyring())
    return _cached[1]


def record_context(*record: object) -> bytes:
    """The associated data that binds a ciphertext to its record and field: the parts joined
    by ":" ("document", 12, "cancel_reason" -> b"document:12:cancel_reason"). A text copied
    onto another record, or into another field, does not decrypt."""
    return ":".join(str(part) for part in record).encode()


def seal(text: str, *record: object) -> str:
    """Encrypts a text about a person, bound to its record (see `record_context`). The one
    way every app seals its free texts; an empty text stays empty."""
    return keyring().encrypt(text, context=record_context(*record)) if text else ""


def unseal(token: str, *record: object) -> str:
    """The text `seal` encrypted for the same record; empty stays empty."""
    return keyring().decrypt(token, context=record_context(*record)) if token else ""
