"""A copy of the database alone reveals no one: canary values written through the services
into every identity field and every free text of reports, identifications and reveals (see
canaries.py) appear nowhere in the raw SQLite file, or in pg_dump's output on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.db import connection

from .canaries import BIRTH, IDENTITY, TEXTS, write
from .test_validators import make_jmbg

JMBG = next(j for s in range(999) if (j := make_jmbg(BIRTH, 71, s)))
ROOT = Path(__file__).resolve().parents[2]


def _needles() -> list[bytes]:
    values: list[str] = [JMBG, BIRTH.isoformat(), *TEXTS.values()]
    for value in IDENTITY.values():
        if isinstance(value, list):
            for item in value:
                values.extend(item.values() if isinstance(item, dict) else [item])
        else:
            values.append(value)
    values = [v for v in values if v not in ("passport", "other_person")]
    return [v.encode() for v in values]


CREATE_SCRIPT = """
import json, sys
import django
django.setup()
from tests.people.canaries import write
print(json.dumps(write({"jmbg": sys.argv[1]})))
"""


def _scan(blob: bytes, written: dict[str, Any]) -> None:
    # The scan sees the database: the pseudonymous code is there, and every canary field
    # was written (a canary that wrote nothing would prove nothing).
    assert written["code"].encode() in blob
    empty = [label for label, rows in written["filled"].items() if not rows]
    assert empty == [], f"canaries that wrote nothing: {empty}"
    found = [n.decode() for n in _needles() if n in blob]
    assert found == [], f"values readable in the raw database: {found}"


def test_no_identity_or_free_text_is_readable_in_the_raw_database(
    tmp_path, transactional_db, request
):
    if connection.vendor == "postgresql":
        written = write({"jmbg": JMBG})
        db = connection.settings_dict
        env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
        dump = subprocess.run(
            ["pg_dump", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432),
             "-U", db["USER"], "--data-only", db["NAME"]],
            env=env, capture_output=True, check=True, timeout=120,
        ).stdout  # fmt: skip
        _scan(dump, written)
        return
    # SQLite: a real database file, written by the application in a separate process.
    env = request.getfixturevalue("local_env")
    env["PYTHONPATH"] = os.pathsep.join([env["PYTHONPATH"], str(ROOT)])
    created = subprocess.run(
        [sys.executable, "-c", CREATE_SCRIPT, JMBG],
        env=env, capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    written = json.loads(created.stdout.strip().splitlines()[-1])
    blob = b"".join(p.read_bytes() for p in tmp_path.glob("zastita.sqlite3*"))
    _scan(blob, written)
