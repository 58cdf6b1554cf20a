"""The shared attachment helper (`core.files.attachments`): a file is checked and stored, then
the app's row is written in one durable transaction; a refused file says why at the file
field and stores nothing; a row that fails takes its file and its writes with it. The upload
form refuses a missing or too large file at its field before the file is read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from zastita.core import files
from zastita.core.errors import ValidationError
from zastita.core.files import StoredFile
from zastita.core.files.attachments import NAME_MAX, AttachmentUploadForm, attach
from zastita.core.models import IdempotentRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(tmp_path) -> Iterator[Path]:
    directory = tmp_path / "attachments"
    with override_settings(ZASTITA_ATTACHMENTS_DIR=directory):
        yield directory


def stored_names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


# --- attach ---


def test_an_accepted_file_is_stored_and_its_row_written_in_one_transaction(store):
    seen: list[tuple[StoredFile, str, bool]] = []

    def row(stored: StoredFile, name: str) -> str:
        seen.append((stored, name, connection.in_atomic_block))
        return "the row"

    assert attach("izjava.txt", b"Izjava svedoka", row) == "the row"
    [(stored, name, in_transaction)] = seen
    assert in_transaction
    assert name == "izjava.txt"
    assert stored.content_type == "text/plain"
    assert stored.row_fields() == {
        "content_type": "text/plain", "size": 14, "storage_name": stored.storage_name,
        "sha256": stored.sha256, "key_id": stored.key_id,
    }  # fmt: skip
    assert stored_names(store) == [stored.storage_name]
    assert files.read(stored.storage_name) == b"Izjava svedoka"


def test_a_long_name_reaches_the_row_cut(store):
    names: list[str] = []
    attach("a" * 300 + ".txt", b"tekst", lambda stored, name: names.append(name))
    assert names == ["a" * NAME_MAX]


def test_a_refused_file_says_why_at_the_file_field_and_stores_nothing(store):
    def row(stored: StoredFile, name: str) -> None:
        raise AssertionError("no row for a refused file")

    with translation.override("sr"), pytest.raises(ValidationError) as caught:
        attach("program.pdf", b"MZ\x90\x00", row)
    assert caught.value.fields == {"file": ["Садржај датотеке не одговара њеној врсти."]}
    assert stored_names(store) == []


def test_a_failed_row_leaves_neither_its_file_nor_its_writes(store):
    def row(stored: StoredFile, name: str) -> None:
        IdempotentRequest.objects.create(scope="user:1", key="k", request_hash="h")
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        attach("izjava.txt", b"Izjava svedoka", row)
    assert stored_names(store) == []
    assert not IdempotentRequest.objects.exists()  # rolled back with the row


# --- the upload form ---


def _form(**files_: SimpleUploadedFile) -> AttachmentUploadForm:
    return AttachmentUploadForm(data={}, files=MultiValueDict({k: [v] for k, v in files_.items()}))


def test_the_form_hands_the_file_to_the_service(store):
    got: list[tuple[str, bytes]] = []
    form = _form(file=SimpleUploadedFile("izjava.txt", b"Izjava"))
    assert form.attach_with(lambda name, data: got.append((name, data)))
    assert got == [("izjava.txt", b"Izjava")]


def test_the_form_without_a_file_says_so_at_the_field():
    form = _form()
    with translation.override("sr"):
        assert not form.attach_with(lambda name, data: pytest.fail("no file, no service"))
        assert form.errors == {"file": ["Изаберите датотеку коју прилажете."]}


@override_settings(ZASTITA_ATTACHMENT_MAX_BYTES=64)
def test_the_form_refuses_a_file_too_large_before_it_is_read():
    form = _form(file=SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 100))
    with translation.override("sr"):
        assert not form.attach_with(lambda name, data: pytest.fail("the file was read"))
        [message] = form.errors["file"]
    assert "64" in message


def test_the_services_refusal_lands_at_the_field_of_the_form():
    def refuse(name: str, data: bytes) -> None:
        raise ValidationError(fields={"file": ["The PDF cannot be read."]})

    form = _form(file=SimpleUploadedFile("a.pdf", b"%PDF-broken"))
    assert not form.attach_with(refuse)
    assert form.errors == {"file": ["The PDF cannot be read."]}
