"""Subject access: everything about one person as JSON and PDF, nothing about anyone else."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from zastita.audit.models import Action, Purpose
from zastita.people.identity import Document, Identity
from zastita.people.services import person_merge, relation_add

from ..conftest import events, sign_in


@pytest.fixture
def subject(register):
    return register(
        Identity(
            first_name="Драгана",
            last_name="Вукић",
            aliases=["Гага"],
            phones=["+381601112233"],
            documents=[Document(type="passport", number="P445566", holder="employer")],
            notes="белешка",
        ),
        birth_year=1987,
    )


@pytest.fixture
def bystander(register):
    return register(Identity(first_name="Весна", last_name="Ристић"), birth_year=1990)


def test_json_export_holds_everything_and_nobody_else(
    client, dpo_user, worker_user, subject, bystander
):
    # The bystander is the subject's sister: the relation is the subject's, the sister is not.
    relation_add(actor=worker_user, person=subject, relative=bystander, kind="sibling")
    sign_in(client, dpo_user)
    response = client.post("/people/subject-access/", {"code": subject.code, "format": "json"})
    assert response.status_code == 200
    expected = f'attachment; filename="licni-podaci-{subject.code}.json"'
    assert response["Content-Disposition"] == expected
    data = json.loads(response.content)
    assert data["identity"]["first_name"] == "Драгана"
    assert data["identity"]["aliases"] == ["Гага"]
    assert data["identity"]["documents"][0]["holder"] == "employer"
    assert data["descriptive"]["birth_year"] == 1987
    assert data["relations"] == [{"kind": "sibling", "since": None, "ended_on": None}]
    assert any(p["action"] == "create" and p["by_roles"] == "worker" for p in data["processing"])
    text = response.content.decode()
    assert "Весна" not in text
    assert bystander.code not in text
    assert worker_user.username not in text
    assert worker_user.full_name not in text
    exported = events(action=Action.EXPORT, object_type="person", actor=dpo_user)
    assert [(e.object_id, e.purpose) for e in exported] == [
        (str(subject.pk), Purpose.DATA_PROTECTION)
    ]


def test_pdf_export_is_a_real_pdf_in_cyrillic(client, dpo_user, subject, tmp_path):
    sign_in(client, dpo_user)
    response = client.post("/people/subject-access/", {"code": subject.code, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    pdf = tmp_path / "export.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Драгана" in text
    assert subject.code in text
    assert "P445566" in text
    assert "пасош" in text
    assert "послодавац или врбовалац" in text
    # The processing log in words: the role by name, the time in the Serbian format.
    assert "креирање · особа · Стручни радник · рад на случају" in text
    assert " worker " not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text)
    assert re.search(r"\d{1,2}\. [а-ш]+ \d{4}\.", text)  # "30. новембра 2026."


def test_a_merged_code_answers_with_the_surviving_record(
    client, dpo_user, make_user, register, subject
):
    other = register(Identity(first_name="Dragana", last_name="Vukic"), birth_year=1987)
    person_merge(actor=make_user("head_of_service"), kept=subject, absorbed=other)
    sign_in(client, dpo_user)
    response = client.post("/people/subject-access/", {"code": other.code, "format": "json"})
    data = json.loads(response.content)
    assert data["code"] == subject.code
    assert data["merged_codes"] == [other.code]
    assert data["identity"]["merged"][0]["first_name"] == "Dragana"


@pytest.mark.parametrize("role", ["worker", "head_of_service", "administrator", "analyst"])
def test_subject_access_forbidden_looks_like_not_found(client, make_user, subject, role):
    sign_in(client, make_user(role))
    assert client.get("/people/subject-access/").status_code == 404
    response = client.post("/people/subject-access/", {"code": subject.code, "format": "json"})
    assert response.status_code == 404
    assert not events(action=Action.EXPORT)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"code": "S-NONE-0000", "format": "json"}, "code"),
        ({"code": "x", "format": "xml"}, "format"),
    ],
)
def test_subject_access_invalid_input(client, dpo_user, data, field):
    sign_in(client, dpo_user)
    response = client.post("/people/subject-access/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not events(action=Action.EXPORT)
