"""The web forms refuse a NUL character or an overflowing number at the field, never with a
500 (PostgreSQL cannot store NUL; SQLite cannot compare an integer past 64 bits). Runs on both
databases like the rest of the suite."""

from __future__ import annotations

import pytest

from zastita.audit.models import AuditEvent
from zastita.intake.models import Report

from ..conftest import sign_in

NUL = "Ана\x00"
HUGE = str(2**70)


@pytest.mark.parametrize(
    ("role", "url", "query", "field"),
    [
        ("dpo", "/audit/access-log/", {"object_id": NUL}, "object_id"),
        ("dpo", "/audit/access-log/", {"object_type": NUL}, "object_type"),
        ("dpo", "/audit/access-log/", {"actor": HUGE}, "actor"),
        ("dpo", "/audit/access-log/", {"actor": "1\x00"}, "actor"),
        ("worker", "/reports/", {"status": NUL}, "status"),
        ("worker", "/reports/", {"year": HUGE}, "year"),
        ("worker", "/identification/", {"state": NUL}, "state"),
    ],
)
def test_filters_refuse_nul_and_overflow_at_the_field(client, make_user, role, url, query, field):
    sign_in(client, make_user(role))
    response = client.get(url, query)
    assert response.status_code == 200
    assert field in response.context["form"].errors


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/people/", {"q": NUL}, "q"),
        ("/people/new/", {"first_name": NUL, "last_name": "Петровић"}, "first_name"),
    ],
)
def test_person_forms_refuse_nul_at_the_field(client, make_user, url, data, field):
    sign_in(client, make_user("worker"))
    response = client.post(url, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_the_report_form_keeps_what_was_typed_when_refusing_nul(client, worker_user):
    sign_in(client, worker_user)
    narrative = "Девојчица\x00 ради у кафићу ноћу."
    response = client.post(
        "/reports/new/",
        {
            "urgency": "ordinary", "channel": "phone", "narrative": narrative,
            "municipality": "Крагујевац", "reporter_kind": "anonymous",
            "person1_description": "девојчица, око 15",
        },
    )  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["narrative"] == ["Текст садржи недозвољени нулти знак (NUL). Уклоните га."]
    assert form["narrative"].value() == narrative
    assert not Report.objects.exists()
    assert not AuditEvent.objects.filter(object_type="report", action="create").exists()
