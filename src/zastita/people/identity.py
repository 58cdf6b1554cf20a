"""The encrypted identity of a person, and the blind-index keys derived from it."""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from zastita.core import crypto
from zastita.core.crypto import PURPOSE_BLIND_INDEX, keyring
from zastita.people.normalise import fold, name_pairs, name_tokens, prefixes


@dataclass
class Document:
    type: str = ""
    number: str = ""
    issuer: str = ""
    # Who holds the document now: a document withheld by someone else is itself an indicator.
    holder: str = ""


@dataclass
class Identity:
    first_name: str = ""
    last_name: str = ""
    parent_name: str = ""
    maiden_name: str = ""
    aliases: list[str] = field(default_factory=list)
    jmbg: str = ""
    birth_date: datetime.date | None = None
    place_of_birth: str = ""
    addresses: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    notes: str = ""
    # Identities of records merged into this one, whole: a merge loses no value.
    merged: list[dict[str, Any]] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or " / ".join(
            self.aliases
        )

    def names(self) -> list[str]:
        names = [self.first_name, self.last_name, self.maiden_name, *self.aliases]
        for other in self.merged:
            names.extend(other.get(k) or "" for k in ("first_name", "last_name", "maiden_name"))
            names.extend(other.get("aliases") or [])
        return names

    def to_dict(self) -> dict[str, Any]:
        # By hand rather than dataclasses.asdict: this runs for every record sealed or seeded.
        data = {f: getattr(self, f) for f in _FIELDS}
        data["documents"] = [asdict(d) for d in self.documents]
        data["birth_date"] = self.birth_date.isoformat() if self.birth_date else None
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str) -> Identity:
        data = json.loads(raw)
        data["documents"] = [Document(**d) for d in data.get("documents", [])]
        if data.get("birth_date"):
            data["birth_date"] = datetime.date.fromisoformat(data["birth_date"])
        return cls(**data)


_FIELDS = tuple(f.name for f in fields(Identity))


def _context(code: str) -> bytes:
    # The ciphertext is bound to its person: it cannot be copied onto another record.
    return crypto.record_context("person", code, "identity")


def seal(identity: Identity, code: str) -> tuple[str, str]:
    ring = keyring()
    return ring.encrypt(identity.to_json(), context=_context(code)), ring.active_id


def unseal(token: str, code: str) -> Identity:
    return Identity.from_json(keyring().decrypt(token, context=_context(code)))


def digest(kind: str, value: str, key_id: str | None = None) -> tuple[str, str]:
    """A keyed HMAC of a normalised value, truncated to 128 bits."""
    kid, mac = keyring().sign(
        f"{kind}:{value}".encode(), purpose=PURPOSE_BLIND_INDEX, key_id=key_id
    )
    return kid, mac[:32]


def search_values(identity: Identity) -> list[tuple[str, str]]:
    values: dict[tuple[str, str], None] = {}
    tokens = name_tokens(*identity.names())
    for token in tokens:
        values[("name", token)] = None
        for prefix in prefixes(token):
            values[("prefix", prefix)] = None
    for pair in name_pairs(tokens):
        values[("pair", pair)] = None
    # Merged records' numbers and dates stay searchable on the surviving record.
    own: dict[str, Any] = {
        "jmbg": identity.jmbg,
        "phones": identity.phones,
        "birth_date": identity.birth_date.isoformat() if identity.birth_date else None,
    }
    records: list[dict[str, Any]] = [own, *identity.merged]
    for record in records:
        if record.get("jmbg"):
            values[("jmbg", record["jmbg"])] = None
        if record.get("birth_date"):
            values[("dob", record["birth_date"])] = None
        for phone in record.get("phones") or []:
            values[("phone", phone)] = None
    return list(values)


def folded_tokens(identity: Identity) -> list[str]:
    return fold(" ".join(identity.names())).split()


def seal_reason(reason: str, person_code: str) -> str:
    return crypto.seal(reason, "person", person_code, "reveal")


def unseal_reason(token: str, person_code: str) -> str:
    return crypto.unseal(token, "person", person_code, "reveal")
