"""Written forms in the subject-access export: the forms written on the person's records,
their latest text and the comments of a return, and the reads of the forms in the log."""

from __future__ import annotations

import json

import pytest

from zastita.identification.services import form_save
from zastita.people.export import subject_access_data
from zastita.writtenforms import public
from zastita.writtenforms.models import WrittenForm

from ..conftest import sign_in


@pytest.mark.django_db
def test_the_export_holds_the_persons_written_forms(
    client, dpo_user, worker_user, make_user, person, identification
):
    form_save(actor=worker_user, identification=identification, kind="needs", base_version=0,
              sections={"priorities": "Смештај вечерас"})  # fmt: skip
    public.form_return(actor=make_user("head_of_service"), form=WrittenForm.objects.get(),
                       version=1, comments="Додај здравствену заштиту.")  # fmt: skip
    data = subject_access_data(person)
    rows = data["sections"]["writtenforms.forms"]
    assert len(rows) == 1
    assert "Смештај вечерас" in rows[0]["text"]
    assert "Додај здравствену заштиту." in rows[0]["reviews"]
    assert rows[0]["record"] == f"identification {identification.pk}"
    json.dumps(data, ensure_ascii=False)  # JSON values only
    sign_in(client, dpo_user)
    response = client.post("/people/subject-access/", {"code": person.code, "format": "pdf"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
