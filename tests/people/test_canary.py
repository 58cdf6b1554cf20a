"""A copy of the database alone reveals no identity: canary values put into every identity
field appear nowhere in the raw SQLite file, or in pg_dump's output on PostgreSQL."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from typing import Any

from django.db import connection

from .test_validators import make_jmbg

BIRTH = datetime.date(1991, 4, 12)
JMBG = next(j for s in range(999) if (j := make_jmbg(BIRTH, 71, s)))

# One unique value per identity field, in both scripts where names are written.
CANARIES: dict[str, Any] = {
    "first_name": "Канаринацпрви",
    "last_name": "Kanarinacdrugi",
    "parent_name": "Канаринацродитељ",
    "maiden_name": "Kanarinacdevojacko",
    "aliases": ["Канаринацнадимак"],
    "jmbg": JMBG,
    "place_of_birth": "Kanarinacmesto",
    "addresses": ["Канаринац улица 77"],
    "phones": ["+381607770123"],
    "emails": ["kanarinac.posta@example.org"],
    "documents": [
        {
            "type": "passport",
            "number": "KNR9911223",
            "issuer": "Kanarinacizdavac",
            "holder": "other_person",  # a code: the type and holder are choices
        }
    ],
    "notes": "Канаринац белешка о особи",
}


def _needles() -> list[bytes]:
    values: list[str] = []
    for value in CANARIES.values():
        if isinstance(value, list):
            for item in value:
                values.extend(item.values() if isinstance(item, dict) else [item])
        else:
            values.append(value)
    values = [v for v in values if v not in ("passport", "other_person")]
    values.append(BIRTH.isoformat())
    return [v.encode() for v in values]


CREATE_SCRIPT = """
import datetime, json, sys
import django
django.setup()
from zastita.accounts.models import Role, User
from zastita.people.identity import Document, Identity
from zastita.people.services import person_create
data = json.loads(sys.argv[1])
data["documents"] = [Document(**d) for d in data["documents"]]
actor = User.objects.create(username="canary.actor", full_name="actor")
actor.roles.set([Role.objects.get(code="worker")])
identity = Identity(birth_date=datetime.date(1991, 4, 12), **data)
person = person_create(actor=actor, identity=identity)
print(person.code)
"""


def _scan(blob: bytes, code: str) -> None:
    assert code.encode() in blob  # the scan sees the database: the pseudonymous code is there
    found = [n.decode() for n in _needles() if n in blob]
    assert found == [], f"identity values readable in the raw database: {found}"


def test_no_identity_value_is_readable_in_the_raw_database(tmp_path, transactional_db, request):
    if connection.vendor == "postgresql":
        from zastita.accounts.models import Role, User
        from zastita.people.identity import Document, Identity
        from zastita.people.services import person_create

        data = json.loads(json.dumps(CANARIES))
        data["documents"] = [Document(**d) for d in data["documents"]]
        actor = User.objects.create(username="canary.actor", full_name="actor")
        actor.roles.set([Role.objects.get(code="worker")])
        person = person_create(actor=actor, identity=Identity(birth_date=BIRTH, **data))
        db = connection.settings_dict
        env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
        dump = subprocess.run(
            ["pg_dump", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432),
             "-U", db["USER"], "--data-only", db["NAME"]],
            env=env, capture_output=True, check=True, timeout=120,
        ).stdout  # fmt: skip
        _scan(dump, person.code)
        return
    # SQLite: a real database file, written by the application in a separate process.
    env = request.getfixturevalue("local_env")
    created = subprocess.run(
        [sys.executable, "-c", CREATE_SCRIPT, json.dumps(CANARIES)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    code = created.stdout.strip().splitlines()[-1]
    blob = b"".join(p.read_bytes() for p in tmp_path.glob("zastita.sqlite3*"))
    _scan(blob, code)
