"""The documents pages: success, forbidden-as-404 (the missing page, byte for byte, and
recorded as a refusal) and invalid input, with the toy type."""

from __future__ import annotations

import datetime
import hashlib
import subprocess
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from zastita.audit.models import Action
from zastita.core.files import read
from zastita.documents.models import Document, DocumentTemplate
from zastita.documents.public import document_correct, document_issue, documents_for_subject

from ..conftest import events, normalise, sign_in
from .conftest import TOY, pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.documents.urls")]
MISSING = 999999


def pages(content: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "pages.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.fixture
def document(toy_type, worker_user) -> Document:
    return document_issue(actor=worker_user, type_code=TOY.code, subject_id=5, step_key="toy:5")


def assert_looks_missing(client, forbidden_url: str, missing_url: str, user) -> None:
    forbidden, missing = client.get(forbidden_url), client.get(missing_url)
    assert forbidden.status_code == missing.status_code == 404
    shown = normalise(forbidden.content).replace(forbidden_url, "URL")
    absent = normalise(missing.content).replace(missing_url, "URL")
    assert shown == absent
    assert {e.action for e in events(actor=user)} == {Action.DENIED}


# --- the register ---


def test_register_lists_numbers_types_dates_and_statuses(
    client, document, worker_user, head, director
):
    new = document_correct(actor=head, document=document, reason="Погрешно стање играчке.")
    response = sign_in(client, director).get(reverse("documents:register"))
    assert response.status_code == 200
    html = response.content.decode()
    assert document.registry_number in html
    assert new.registry_number in html
    assert "Toy minutes" in html
    # No personal data: not the subject's context, not the reason, not the author.
    assert "Дрвени коњић" not in html
    assert "Погрешно" not in html
    assert worker_user.full_name not in html
    assert not [e for e in events(actor=director) if e.object_type == "document"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"first", "second"}),
        ("?number=1", {"first"}),
        ("?type_code=toy.minutes&year=YEAR", {"first", "second"}),
        ("?year=2001", set()),
        ("?subject_type=toy&number=2", {"second"}),
    ],
)
def test_register_filters(client, toy_type, worker_user, query, expected):
    made = {
        name: document_issue(actor=worker_user, type_code=TOY.code, subject_id=i, step_key=name)
        for i, name in enumerate(["first", "second"], start=1)
    }
    url = reverse("documents:register") + query.replace("YEAR", str(timezone.localdate().year))
    html = sign_in(client, worker_user).get(url).content.decode()
    shown = {name for name, d in made.items() if f">{d.registry_number}</a>" in html}
    assert shown == expected


def test_register_refuses_bad_filters(client, document, worker_user):
    response = sign_in(client, worker_user).get(reverse("documents:register") + "?year=abc")
    assert response.status_code == 200
    assert 'class="form-errors"' in response.content.decode()
    assert document.registry_number not in response.content.decode()


def test_register_is_not_found_without_the_capability(client, document, make_user):
    analyst = make_user("analyst")
    response = sign_in(client, analyst).get(reverse("documents:register"))
    assert response.status_code == 404
    assert {e.action for e in events(actor=analyst)} == {Action.DENIED}


# --- search ---


def test_search_by_registry_number_opens_the_document(client, document, worker_user):
    sign_in(client, worker_user)
    url = reverse("documents:search")
    for typed in (document.registry_number, f"{document.number}/{document.year}"):
        response = client.get(url, {"registry_number": typed})
        assert response.status_code == 302
        assert response["Location"] == reverse("documents:detail", args=[document.pk])
    response = client.get(url, {"registry_number": f"0099/{document.year}"})
    assert response.status_code == 200
    assert "Ниједан документ нема овај број." in response.content.decode()


def test_search_refuses_a_malformed_number(client, document, worker_user):
    response = sign_in(client, worker_user).get(
        reverse("documents:search"), {"registry_number": "седам"}
    )
    assert response.status_code == 200
    assert "на пример 0007/2026" in response.content.decode()


def test_search_is_not_found_without_the_capability(client, document, make_user):
    analyst = make_user("analyst")
    response = sign_in(client, analyst).get(
        reverse("documents:search"), {"registry_number": document.registry_number}
    )
    assert response.status_code == 404


# --- a document's page ---


def test_document_page_shows_metadata_and_records_the_read(client, document, worker_user):
    response = sign_in(client, worker_user).get(reverse("documents:detail", args=[document.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert document.registry_number in html
    assert worker_user.full_name in html
    assert reverse("documents:download", args=[document.pk]) in html
    # Only the head of service corrects.
    assert reverse("documents:correct", args=[document.pk]) not in html
    reads = [(e.action, e.object_type, e.object_id) for e in events(actor=worker_user)]
    assert (Action.VIEW, "document", str(document.pk)) in reads


def test_document_page_of_a_cancelled_document_says_so(client, document, head):
    new = document_correct(actor=head, document=document, reason="Погрешно стање играчке.")
    sign_in(client, head)
    html = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "Овај документ је поништен." in html
    assert new.registry_number in html
    assert "Погрешно стање играчке." in html
    assert reverse("documents:correct", args=[document.pk]) not in html
    html = client.get(reverse("documents:detail", args=[new.pk])).content.decode()
    assert document.registry_number in html
    assert "Овај документ је поништен." not in html


@pytest.mark.parametrize("role", ["analyst", "partner_reporter", "administrator", "dpo"])
def test_document_page_is_the_missing_page_without_the_capability(
    client, document, make_user, role
):
    user = make_user(role)
    sign_in(client, user)
    assert_looks_missing(
        client,
        reverse("documents:detail", args=[document.pk]),
        reverse("documents:detail", args=[MISSING]),
        user,
    )


def test_document_page_of_a_missing_document(client, worker_user):
    response = sign_in(client, worker_user).get(reverse("documents:detail", args=[MISSING]))
    assert response.status_code == 404


# --- download ---


def test_download_serves_the_stored_bytes_on_any_day(client, document, worker_user, tmp_path):
    url = reverse("documents:download", args=[document.pk])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        first = sign_in(client, worker_user).get(url)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=40)):
        second = sign_in(client, worker_user).get(url)
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first.content == second.content == read(document.storage_name)
    assert hashlib.sha256(first.content).hexdigest() == document.sha256
    assert document.registry_number in pdf_text(first.content, tmp_path)
    assert 'filename="toy-minutes-' in first["Content-Disposition"]
    assert "/" not in first["Content-Disposition"].split("filename=")[1]
    printed = [
        (e.object_type, e.object_id) for e in events(actor=worker_user) if e.action == Action.PRINT
    ]
    assert printed.count(("document", str(document.pk))) == 2
    assert ("toy", "5") in printed


def test_download_of_a_cancelled_document_is_stamped_on_every_page(
    client, toy_type, worker_user, head, tmp_path
):
    from zastita.documents.services import template_save

    template_save(
        actor=head, type_code=TOY.code,
        body='<p>Прва страна {{ toy_name }}</p><p style="page-break-before: always">Друга</p>',
    )  # fmt: skip
    old = document_issue(actor=worker_user, type_code=TOY.code, subject_id=5, step_key="two")
    assert len(pages(read(old.storage_name), tmp_path)) == 2
    new = document_correct(actor=head, document=old, reason="Погрешна страна.")
    response = sign_in(client, head).get(reverse("documents:download", args=[old.pk]))
    assert response.status_code == 200
    texts = pages(response.content, tmp_path)
    assert len(texts) == 2
    for text in texts:
        assert "ПОНИШТЕНО" in text
        assert new.registry_number in text
    assert old.registry_number in texts[0]
    # The stored file is untouched; the correction itself is served as issued.
    old.refresh_from_db()
    assert hashlib.sha256(read(old.storage_name)).hexdigest() == old.sha256
    served = client.get(reverse("documents:download", args=[new.pk])).content
    assert served == read(new.storage_name)


def test_download_is_the_missing_page_without_the_capability(client, document, make_user):
    analyst = make_user("analyst")
    sign_in(client, analyst)
    assert_looks_missing(
        client,
        reverse("documents:download", args=[document.pk]),
        reverse("documents:download", args=[MISSING]),
        analyst,
    )


# --- correction ---


def test_correction_issues_a_new_document(client, document, head):
    response = sign_in(client, head).post(
        reverse("documents:correct", args=[document.pk]), {"reason": "Погрешно стање играчке."}
    )
    new = Document.objects.exclude(pk=document.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[new.pk])
    document.refresh_from_db()
    assert document.cancelled_by == new


def test_correction_with_no_reason_keeps_the_page(client, document, head):
    response = sign_in(client, head).post(
        reverse("documents:correct", args=[document.pk]), {"reason": "  "}
    )
    assert response.status_code == 200
    assert 'class="form-errors"' in response.content.decode()
    assert Document.objects.count() == 1


def test_correction_is_the_missing_page_for_a_worker(client, document, worker_user):
    sign_in(client, worker_user)
    response = client.post(
        reverse("documents:correct", args=[document.pk]), {"reason": "Погрешно стање играчке."}
    )
    missing = client.post(
        reverse("documents:correct", args=[MISSING]), {"reason": "Погрешно стање играчке."}
    )
    assert response.status_code == missing.status_code == 404
    assert Document.objects.count() == 1
    denied = [e for e in events(actor=worker_user) if e.action == Action.DENIED]
    assert len(denied) == 2


# --- templates ---


def test_template_list_and_page(client, toy_type, head):
    sign_in(client, head)
    html = client.get(reverse("documents:templates")).content.decode()
    assert "Toy minutes" in html
    assert reverse("documents:template", args=[TOY.code]) in html
    response = client.get(reverse("documents:template", args=[TOY.code]))
    assert response.status_code == 200
    assert "ЗАПИСНИК О ИГРАЧКИ" in response.content.decode()  # the default, to edit
    assert "toy_name" in response.content.decode()


def test_template_page_saves_a_version(client, toy_type, head):
    url = reverse("documents:template", args=[TOY.code])
    response = sign_in(client, head).post(url, {"body": "<p>Нова {{ toy_name }}</p>"})
    assert response.status_code == 302
    latest = DocumentTemplate.objects.filter(type_code=TOY.code).order_by("-version").first()
    assert latest is not None
    assert latest.version == 2
    html = client.get(url).content.decode()
    assert "Нова {{ toy_name }}" in html.replace("&#x27;", "'")


def test_template_page_refuses_a_broken_template_and_keeps_the_text(client, toy_type, head):
    body = "<p>\n{% if toy_name %}\n<b>недовршено</b>"
    response = sign_in(client, head).post(
        reverse("documents:template", args=[TOY.code]), {"body": body}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ред 2: ознака „if” је отворена, а није затворена" in html
    assert "недовршено" in html
    assert not DocumentTemplate.objects.exists()


@pytest.mark.parametrize("role", ["worker", "director", "analyst"])
def test_templates_are_the_missing_page_without_coordination(client, toy_type, make_user, role):
    user = make_user(role)
    sign_in(client, user)
    assert client.get(reverse("documents:templates")).status_code == 404
    assert_looks_missing(
        client,
        reverse("documents:template", args=[TOY.code]),
        reverse("documents:template", args=["no.such.type"]),
        user,
    )
    response = client.post(reverse("documents:template", args=[TOY.code]), {"body": "<p>x</p>"})
    assert response.status_code == 404
    assert not DocumentTemplate.objects.exists()


def test_template_page_of_an_unknown_type(client, head):
    response = sign_in(client, head).get(reverse("documents:template", args=["no.such.type"]))
    assert response.status_code == 404


# --- the include for the subject's page ---


def test_subject_documents_include(rf, document, head):
    from django.template.loader import render_to_string

    rows = documents_for_subject(actor=head, subject_type="toy", subject_id=5)
    html = render_to_string("documents/_subject_documents.html", {"documents": rows})
    assert document.registry_number in html
    assert "Toy minutes" in html
    assert reverse("documents:download", args=[document.pk]) in html


def test_register_queries_do_not_grow_with_the_rows(client, toy_type, worker_user, head):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("documents:register")).status_code == 200
        return len(queries)

    sign_in(client, head)
    for i in range(2):
        made = document_issue(
            actor=worker_user, type_code=TOY.code, subject_id=i + 1, step_key=f"a{i}"
        )
    document_correct(actor=head, document=made, reason="Погрешно стање играчке.")
    few = count()
    for i in range(5):
        made = document_issue(
            actor=worker_user, type_code=TOY.code, subject_id=i + 1, step_key=f"b{i}"
        )
        document_correct(actor=head, document=made, reason="Погрешно стање играчке.")
    assert count() == few


def test_the_owning_apps_need_to_know_rule_hides_a_subjects_documents(
    client, toy_type, worker_user, make_user
):
    import dataclasses

    from zastita.core.registries.documents import document_types

    other = make_user("worker")
    # The toy app's rule: a worker sees only the toys they made.
    scoped = dataclasses.replace(
        TOY, code="toy.scoped", can_view=lambda user, subject_id: user.pk == subject_id
    )
    document_types.register(scoped.code, scoped)
    try:
        mine = document_issue(
            actor=worker_user, type_code=scoped.code, subject_id=worker_user.pk, step_key="m"
        )
        sign_in(client, other)
        assert_looks_missing(
            client,
            reverse("documents:download", args=[mine.pk]),
            reverse("documents:download", args=[MISSING]),
            other,
        )
        assert (
            documents_for_subject(actor=other, subject_type="toy", subject_id=mine.subject_id) == []
        )
        # The register still lists its number (no personal data there).
        assert mine.registry_number in client.get(reverse("documents:register")).content.decode()
        sign_in(client, worker_user)
        assert client.get(reverse("documents:detail", args=[mine.pk])).status_code == 200
    finally:
        document_types.unregister(scoped.code)


def test_the_correction_cancels_and_asks_to_confirm(client, document, head):
    sign_in(client, head)
    html = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert 'data-confirm="confirm-correct"' in html
    assert '<dialog id="confirm-correct"' in html
    assert 'class="button-danger" aria-describedby="consequence-correct"' in html
    assert "data-confirm-no autofocus" in html
