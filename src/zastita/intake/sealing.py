"""Encryption of a report's personal texts, each bound to its report and purpose: a
ciphertext copied onto another report, or into another field, does not decrypt."""

from __future__ import annotations

from zastita.core import crypto


def seal(text: str, *, report_key: str, field: str) -> str:
    return crypto.seal(text, "report", report_key, field)


def unseal(token: str, *, report_key: str, field: str) -> str:
    return crypto.unseal(token, "report", report_key, field)
