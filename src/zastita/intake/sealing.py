"""Encryption of a report's personal texts, each bound to its report and purpose: a
ciphertext copied onto another report, or into another field, does not decrypt."""

from __future__ import annotations

from zastita.core.crypto import keyring


def _context(report_key: str, field: str) -> bytes:
    return f"report:{report_key}:{field}".encode()


def seal(text: str, *, report_key: str, field: str) -> str:
    return keyring().encrypt(text, context=_context(report_key, field)) if text else ""


def unseal(token: str, *, report_key: str, field: str) -> str:
    return keyring().decrypt(token, context=_context(report_key, field)) if token else ""
