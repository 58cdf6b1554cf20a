"""Form 6, the general official note: written by its author about a report or a person,
issued with a registry number, and never changed (a correction is a new note)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zastita.documents.models import Document
from zastita.intake.services import report_create, report_transition

from ..conftest import events, sign_in
from ..intake.conftest import report_input
from .conftest import pdf_text

TOKEN = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"
TEXT = "Разговор са сарадницом школе: дете није дошло на наставу три дана."


@pytest.fixture
def report(worker_user):
    report = report_create(actor=worker_user, data=report_input())
    return report_transition(actor=worker_user, report=report, to="registered")


def _url(report, type_code="intake.official_note"):
    return reverse("documents:write", args=[type_code, report.pk])


@pytest.mark.django_db
def test_a_note_written_about_a_report_is_issued_once_with_its_number(
    client, worker_user, report, tmp_path
):
    sign_in(client, worker_user)
    page = client.get(_url(report))
    assert page.status_code == 200
    assert 'name="token"' in page.content.decode()
    data = {"text": TEXT, "token": TOKEN}
    response = client.post(_url(report), data)
    note = Document.objects.get(type_code="intake.official_note")
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[note.pk])
    assert (note.subject_type, note.subject_id, note.author_id) == (
        "report",
        report.pk,
        worker_user.pk,
    )
    text = pdf_text(client.get(reverse("documents:download", args=[note.pk])).content, tmp_path)
    assert "дете није дошло на наставу" in text
    assert note.registry_number in text
    assert report.number in text
    # The same page posted again (a double click, a retry) gives the same note.
    client.post(_url(report), data)
    assert Document.objects.filter(type_code="intake.official_note").count() == 1
    assert TEXT not in str([e.__dict__ for e in events()])
    # The report's page lists it, with the link to write another.
    html = client.get(reverse("intake:report_detail", args=[report.pk])).content.decode()
    assert note.registry_number in html
    assert _url(report) in html


@pytest.mark.django_db
def test_a_note_about_a_person_is_listed_on_the_persons_page(client, worker_user, report):
    from zastita.people.identity import Identity
    from zastita.people.services import person_create

    person = person_create(actor=worker_user, identity=Identity(first_name="Ана", last_name="Тест"),
                           birth_year=1990)  # fmt: skip
    sign_in(client, worker_user)
    url = reverse("documents:write", args=["people.official_note", person.pk])
    assert client.post(url, {"text": TEXT, "token": TOKEN}).status_code == 302
    note = Document.objects.get(type_code="people.official_note")
    html = client.get(reverse("people:person_detail", args=[person.pk])).content.decode()
    assert note.registry_number in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case", ["no capability", "unknown type", "not written by hand", "missing subject"]
)
def test_writing_is_not_found_when_it_may_not_be(client, make_user, worker_user, report, case):
    user, url = worker_user, _url(report)
    if case == "no capability":
        user = make_user("analyst")
    elif case == "unknown type":
        url = reverse("documents:write", args=["intake.nothing", report.pk])
    elif case == "not written by hand":
        url = reverse("documents:write", args=["intake.note", report.pk])
    else:
        url = reverse("documents:write", args=["intake.official_note", 999999])
    sign_in(client, user)
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": TEXT, "token": TOKEN}).status_code == 404
    assert not Document.objects.filter(type_code="intake.official_note").exists()


@pytest.mark.django_db
def test_bad_input_is_said_at_its_field_and_the_text_kept(client, worker_user, report):
    sign_in(client, worker_user)
    response = client.post(_url(report), {"text": "кратко", "token": TOKEN})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_text_error"' in html or "id_text" in html
    assert "кратко" in html  # what was typed stays
    assert not Document.objects.filter(type_code="intake.official_note").exists()


@pytest.mark.django_db
def test_a_written_note_is_corrected_with_its_new_text(
    client, worker_user, make_user, report, tmp_path
):
    head = make_user("head_of_service", username="head1")
    sign_in(client, worker_user)
    client.post(_url(report), {"text": TEXT, "token": TOKEN})
    note = Document.objects.get(type_code="intake.official_note")
    sign_in(client, head)
    url = reverse("documents:correct", args=[note.pk])
    refused = client.post(url, {"reason": "погрешан датум у белешци"})
    assert refused.status_code == 200
    assert Document.objects.filter(type_code="intake.official_note").count() == 1
    client.post(
        url, {"reason": "погрешан датум у белешци", "text": "Исправљен текст белешке: два дана."}
    )
    correction = Document.objects.get(step_key=f"correction:{note.pk}")
    text = pdf_text(
        client.get(reverse("documents:download", args=[correction.pk])).content, tmp_path
    )
    assert "Исправљен текст белешке" in text


@pytest.mark.django_db
def test_text_in_the_address_never_reaches_the_access_log(client, make_user, report):
    sign_in(client, make_user("analyst"))
    url = reverse("documents:write", args=["Марија Петровић", report.pk])
    assert client.get(url).status_code == 404
    [denied] = events(object_type="document_write")
    assert denied.object_id == "unknown"
    assert "Петровић" not in str(denied.__dict__)
