"""The Serbian interface shows words, not codes: the access log's roles and record types,
and (the page walk) every page each role can open."""

from __future__ import annotations

import re
from pathlib import Path

from zastita.audit.labels import RECORD_TYPES
from zastita.audit.models import Action
from zastita.audit.services import audit_record

from ..conftest import sign_in

SRC = Path(__file__).resolve().parents[2] / "src" / "zastita"


def _record_types_in_the_code() -> set[str]:
    """Every record type the code writes to the audit log, found by reading the source."""
    found: set[str] = set()
    literal = re.compile(
        r"""(?:object_type=|personal_data\(|Subject\(|OBJECT_TYPE = |note_read\(request, )"([a-z_]+)\""""
    )
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(literal.findall(text))
        # f"clock_{what}" with what one of the literals given to _audit(clock, "...")
        if 'object_type=f"clock_{what}"' in text:
            found.update(f"clock_{w}" for w in re.findall(r'_audit\(clock, "([a-z_]+)"', text))
    return found


def test_every_record_type_the_code_writes_has_a_label():
    used = _record_types_in_the_code()
    assert {"person", "clock_start", "clock_stop", "subject_access"} <= used
    assert sorted(used - set(RECORD_TYPES)) == []


def test_the_access_log_shows_role_names_and_record_types_in_words(
    client, make_user, dpo_user
):
    duty = make_user("duty_worker")
    audit_record(action=Action.TRANSITION, actor=duty, object_type="clock_start", object_id=7)
    audit_record(action=Action.VIEW, actor=None, object_type="person", object_id=3)
    sign_in(client, dpo_user)
    page = client.get("/audit/access-log/").content.decode()
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "Дежурни стручни радник" in table
    assert "рок за поступање је покренут 7" in table
    assert "особа 3" in table
    assert "систем" in table
    for code in ("duty_worker", "clock_start", ">person", "dpo,", "data_protection"):
        assert code not in table
    # "30. новембра 2026. 15:05": the long date, local time, never an ISO timestamp.
    assert re.search(r"\d{1,2}\. [а-ш]+ \d{4}\. \d{2}:\d{2}", table)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", table)
