"""Documents attached to an identification: checked, stored encrypted, listed with their
name and description decrypted, downloaded under a neutral name with the read audited;
success, forbidden-as-404 and invalid input for the upload and the download."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from zastita.audit.models import Action
from zastita.identification.models import Attachment

from ..conftest import events, sign_in
from ..core.test_files import PDF_REFUSAL, active_pdf, clean_pdf
from .conftest import MISSING, NO_ACCESS

PDF = clean_pdf(title="a synthetic statement")


def _upload(client, identification, *, name="izjava.pdf", data=PDF, kind="statement",
            description="Изјава дата полицији"):  # fmt: skip
    return client.post(
        f"/identification/{identification.pk}/documents/",
        {"kind": kind, "description": description, "file": SimpleUploadedFile(name, data)},
    )


def test_a_document_is_attached_listed_and_downloaded(client, worker_user, identification):
    sign_in(client, worker_user)
    response = _upload(client, identification)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.content_type, attachment.size) == (
        "statement",
        "application/pdf",
        len(PDF),
    )
    # Name, description and content are encrypted at rest.
    assert "izjava" not in attachment.name
    assert "Изјава" not in attachment.description
    stored = (settings.ZASTITA_ATTACHMENTS_DIR / attachment.storage_name).read_bytes()
    assert b"synthetic statement" not in stored
    assert events(action=Action.CREATE, object_type="identification_attachment")
    page = client.get(f"/identification/{identification.pk}/").content.decode()
    assert "izjava.pdf" in page
    assert "Изјава дата полицији" in page
    before = events()[-1].seq
    download = client.get(f"/identification/documents/{attachment.pk}/")
    assert download.status_code == 200
    read = {(e.object_type, e.action) for e in events(seq__gt=before, actor=worker_user)}
    assert ("person", Action.VIEW) in read
    assert download.content == PDF
    assert download["Content-Disposition"] == (
        f'attachment; filename="identifikacija-{attachment.pk}.pdf"'
    )
    assert events(action=Action.VIEW, object_type="identification_attachment", actor=worker_user)


@pytest.mark.parametrize("role", NO_ACCESS)
def test_documents_are_not_found_for_others(client, make_user, worker_user, identification, role):
    sign_in(client, worker_user)
    _upload(client, identification)
    attachment = Attachment.objects.get()
    sign_in(client, make_user(role))
    assert client.get(f"/identification/documents/{attachment.pk}/").status_code == 404
    assert client.get(f"/identification/documents/{MISSING}/").status_code == 404
    assert _upload(client, identification).status_code == 404
    assert Attachment.objects.count() == 1


def test_the_director_reads_but_does_not_attach(client, make_user, worker_user, identification):
    sign_in(client, worker_user)
    _upload(client, identification)
    sign_in(client, make_user("director"))
    attachment = Attachment.objects.get()
    assert client.get(f"/identification/documents/{attachment.pk}/").status_code == 200
    assert _upload(client, identification).status_code == 404
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "kind", "field"),
    [
        ("program.pdf", b"MZ\x90\x00 not a pdf", "statement", "file"),
        ("script.exe", b"MZ\x90\x00", "statement", "file"),
        ("empty.txt", b"", "statement", "file"),
        ("photo.png", b"\x89PNG\r\n\x1a\n but not an image", "evidence", "file"),
        ("izjava.pdf", PDF, "diary", "kind"),
    ],
)
def test_bad_documents_are_refused_and_the_description_kept(
    client, worker_user, identification, tmp_path, name, data, kind, field
):
    sign_in(client, worker_user)
    with override_settings(ZASTITA_ATTACHMENTS_DIR=tmp_path):
        response = _upload(client, identification, name=name, data=data, kind=kind,
                           description="Опис који остаје")  # fmt: skip
    assert response.status_code == 200
    assert field in response.context["attachment_form"].errors
    assert "Опис који остаје" in response.content.decode()
    assert not Attachment.objects.exists()
    assert list(tmp_path.iterdir()) == []  # nothing stored


@override_settings(ZASTITA_ATTACHMENT_MAX_BYTES=64)
def test_a_document_too_large_is_refused_before_it_is_read(client, worker_user, identification,
                                                           monkeypatch):  # fmt: skip
    from zastita.identification import services

    def read_it(**kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(services, "attachment_add", read_it)
    sign_in(client, worker_user)
    response = _upload(client, identification, data=PDF + b"x" * 100)
    assert response.status_code == 200
    assert "file" in response.context["attachment_form"].errors
    assert not Attachment.objects.exists()


def test_a_failed_row_leaves_no_file(worker_user, identification, monkeypatch, tmp_path):
    from zastita.identification import services

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(services, "_attachment_row", broken)
    with override_settings(ZASTITA_ATTACHMENTS_DIR=tmp_path), pytest.raises(RuntimeError):
        services.attachment_add(actor=worker_user, identification=identification,
                                kind="other", name="a.txt", data=b"plain text")  # fmt: skip
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (None, "Изаберите датотеку коју прилажете."),
        (active_pdf("EmbeddedFiles"), PDF_REFUSAL),
    ],
    ids=["no file", "embedded file"],
)
def test_the_reason_is_given_at_the_file_field(client, worker_user, identification, tmp_path,
                                              data, message):  # fmt: skip
    sign_in(client, worker_user)
    fields: dict[str, object] = {"kind": "statement", "description": "Опис који остаје"}
    if data is not None:
        fields["file"] = SimpleUploadedFile("izjava.pdf", data)
    with override_settings(ZASTITA_ATTACHMENTS_DIR=tmp_path):
        response = client.post(f"/identification/{identification.pk}/documents/", fields)
    assert response.status_code == 200
    assert response.context["attachment_form"].errors["file"] == [message]
    html = response.content.decode()
    assert html.rfind(message, 0, html.index('id="file_file"')) > html.index("attachment-add")
    assert "Опис који остаје" in html
    assert not Attachment.objects.exists()
    assert list(tmp_path.iterdir()) == []
