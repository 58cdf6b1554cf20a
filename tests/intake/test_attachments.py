"""Attachments: only what they claim to be and within the size limit, images without their
metadata, encrypted at rest outside the web root, downloaded under a neutral name."""

from __future__ import annotations

import hashlib
import io
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import ExifTags, Image, PngImagePlugin

from zastita.audit.models import Action
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.intake import services
from zastita.intake.models import Attachment, Report
from zastita.intake.services import attachment_add, attachment_content, attachment_name

from ..conftest import events, sign_in
from ..core.test_files import PDF_REFUSAL, active_pdf, clean_pdf, clean_pdf_of_size, pixel_flood

MARKER = "ТАЈНА-ОЗНАКА-90210"
EXECUTABLES = {
    "windows": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48,
    "linux": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 40,
}
EXIF_STRINGS = ("Kamera-EXIF-55501", "Fotograf-EXIF-55502", "Opis-EXIF-55503")


@pytest.fixture
def store(tmp_path) -> Iterator[Path]:
    directory = tmp_path / "attachments"
    with override_settings(ZASTITA_ATTACHMENTS_DIR=directory):
        yield directory


@pytest.fixture
def report(make_report) -> Report:
    return make_report()


def files_in(directory: Path) -> list[Path]:
    return sorted(directory.iterdir()) if directory.exists() else []


def pdf(size: int | None = None) -> bytes:
    """A real, clean PDF (a PDF is parsed for active content), of exactly `size` bytes."""
    return clean_pdf_of_size(size) if size else clean_pdf(title=MARKER)


def jpeg_with_exif(orientation: int | None = None) -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = EXIF_STRINGS[0]
    exif[ExifTags.Base.Artist] = EXIF_STRINGS[1]
    exif[ExifTags.Base.ImageDescription] = EXIF_STRINGS[2]
    exif[ExifTags.Base.DateTime] = "2026:01:07 03:14:15"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (44.0, 49.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (20.0, 27.0, 33.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def assert_nothing_stored(store: Path) -> None:
    assert files_in(store) == []
    assert Attachment.objects.count() == 0
    assert not events(action=Action.CREATE, object_type="attachment")


# --- what is refused ---


@pytest.mark.parametrize("name", ["izvestaj.pdf", "fotografija.jpg", "snimak.jpeg", "scan.png"])
@pytest.mark.parametrize("kind", sorted(EXECUTABLES))
def test_an_executable_under_another_name_is_refused(worker_user, report, store, name, kind):
    with pytest.raises(ValidationError) as caught:
        attachment_add(actor=worker_user, report=report, name=name, data=EXECUTABLES[kind])
    assert list(caught.value.fields) == ["file"]
    assert caught.value.fields["file"]  # a message for the user
    assert_nothing_stored(store)


@pytest.mark.parametrize("kind", sorted(EXECUTABLES))
def test_an_executable_upload_is_refused_with_a_message(client, worker_user, report, store, kind):
    sign_in(client, worker_user)
    upload = SimpleUploadedFile("izvestaj.pdf", EXECUTABLES[kind], "application/pdf")
    response = client.post(f"/reports/{report.pk}/attachments/", {"file": upload})
    assert response.status_code == 200  # the report's page again, the reason at the field
    assert response.context["attachment_form"].errors["file"] == [
        "Садржај датотеке не одговара њеној врсти."
    ]
    messages = list(response.context["messages"])
    assert [m.level_tag for m in messages] == ["error"]
    assert response.context["attachments"] == []
    assert_nothing_stored(store)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("program.exe", EXECUTABLES["windows"]),
        ("skripta.sh", b"#!/bin/sh\nrm -rf /\n"),
        ("stranica.html", b"<script>alert(1)</script>"),
        ("crtez.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("izvestaj.pdf.exe", pdf()),
        ("bez-nastavka", b"plain words"),
        ("binarno.txt", b"MZ\x00\x00binary"),  # NUL bytes are not text
        ("latin1.txt", "čćž".encode("cp1250") + b"\xff"),  # not UTF-8
        ("slika.png", pdf()),  # a PDF is not a PNG
        ("pokvarena.jpg", b"\xff\xd8\xff\xe0" + b"not really a jpeg"),  # cannot be read
    ],
)
def test_anything_but_what_it_claims_to_be_is_refused(worker_user, report, store, name, data):
    with pytest.raises(ValidationError) as caught:
        attachment_add(actor=worker_user, report=report, name=name, data=data)
    assert list(caught.value.fields) == ["file"]
    assert_nothing_stored(store)


def test_an_empty_file_is_refused(worker_user, report, store):
    with pytest.raises(ValidationError) as caught:
        attachment_add(actor=worker_user, report=report, name="prazno.txt", data=b"")
    assert list(caught.value.fields) == ["file"]
    assert_nothing_stored(store)


@override_settings(ZASTITA_ATTACHMENT_MAX_BYTES=1024)
def test_a_file_over_the_limit_is_refused(worker_user, report, store):
    with pytest.raises(ValidationError) as caught:
        attachment_add(actor=worker_user, report=report, name="veliki.pdf", data=pdf(1025))
    assert list(caught.value.fields) == ["file"]
    assert_nothing_stored(store)
    # Exactly at the limit is still accepted.
    at_limit = attachment_add(actor=worker_user, report=report, name="tacno.pdf", data=pdf(1024))
    assert at_limit.size == 1024
    assert len(files_in(store)) == 1


@override_settings(ZASTITA_ATTACHMENT_MAX_BYTES=2048)
def test_an_upload_over_the_limit_is_refused_with_a_message(client, worker_user, report, store):
    sign_in(client, worker_user)
    upload = SimpleUploadedFile("veliki.pdf", pdf(4096), "application/pdf")
    response = client.post(f"/reports/{report.pk}/attachments/", {"file": upload}, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert_nothing_stored(store)


def test_only_those_who_receive_reports_attach(make_user, report, store):
    with pytest.raises(PermissionDenied):
        attachment_add(actor=make_user("director"), report=report, name="a.pdf", data=pdf())
    assert_nothing_stored(store)


def test_nothing_is_left_half_saved(worker_user, report, store, monkeypatch):
    def fail(*args: object, **kwargs: object) -> Attachment:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "_attachment_row", fail)
    with pytest.raises(RuntimeError):
        attachment_add(actor=worker_user, report=report, name="a.pdf", data=pdf())
    assert_nothing_stored(store)


# --- images lose their metadata ---


def test_a_photo_is_stored_without_exif(client, worker_user, report, store):
    original = jpeg_with_exif()
    # The photo really carries what must go: otherwise this test would prove nothing.
    before = Image.open(io.BytesIO(original)).getexif()
    assert before[ExifTags.Base.Make] == EXIF_STRINGS[0]
    assert before.get_ifd(ExifTags.IFD.GPSInfo)
    assert all(s.encode() in original for s in EXIF_STRINGS)

    sign_in(client, worker_user)
    upload = SimpleUploadedFile("IMG_0042.jpg", original, "image/jpeg")
    response = client.post(f"/reports/{report.pk}/attachments/", {"file": upload})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/jpeg"

    download = client.get(f"/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "image/jpeg"
    data = download.content
    assert all(s.encode() not in data for s in EXIF_STRINGS)
    assert b"Exif" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert image.size == (64, 48)
        exif = image.getexif()
        assert ExifTags.Base.Make not in exif
        assert ExifTags.Base.Artist not in exif
        assert ExifTags.Base.DateTime not in exif
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert len(exif) == 0
        assert "exif" not in image.info
        pixel = image.getpixel((32, 24))
        assert isinstance(pixel, tuple)
        assert pixel[0] > 150  # still the same red picture
    # What is stored is what is served: its size and hash are of the clean file.
    assert attachment.size == len(data)
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()


def test_a_photos_orientation_is_applied_before_it_goes(worker_user, report, store):
    attachment = attachment_add(
        actor=worker_user, report=report, name="okrenuta.jpg", data=jpeg_with_exif(6)
    )
    with Image.open(io.BytesIO(attachment_content(attachment))) as image:
        assert image.size == (48, 64)  # turned upright, so nothing turns later
        assert ExifTags.Base.Orientation not in image.getexif()


def test_a_png_loses_its_text_chunks(worker_user, report, store):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Lokacija-PNG-66601")
    info.add_itxt("Author", MARKER)
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 255, 128)).save(out, "PNG", pnginfo=info)
    assert b"Lokacija-PNG-66601" in out.getvalue()
    attachment = attachment_add(actor=worker_user, report=report, name="s.png", data=out.getvalue())
    clean = attachment_content(attachment)
    assert b"Lokacija-PNG-66601" not in clean
    assert MARKER.encode() not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert image.format == "PNG"
        assert image.mode == "RGBA"
        assert not image.text  # type: ignore[attr-defined]


def test_a_png_loses_its_exif_chunk(worker_user, report, store):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = EXIF_STRINGS[0]
    out = io.BytesIO()
    Image.new("RGB", (10, 10), (0, 255, 0)).save(out, "PNG", exif=exif)
    assert Image.open(io.BytesIO(out.getvalue())).getexif()[ExifTags.Base.Make] == EXIF_STRINGS[0]
    attachment = attachment_add(actor=worker_user, report=report, name="s.png", data=out.getvalue())
    clean = attachment_content(attachment)
    assert EXIF_STRINGS[0].encode() not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert len(image.getexif()) == 0


# --- stored encrypted, outside the web root ---


def test_the_file_on_disk_is_encrypted_under_a_random_name(worker_user, report, store):
    content = f"Изјава: {MARKER}\n".encode()
    attachment = attachment_add(
        actor=worker_user, report=report, name="Izjava Marije Petrović.txt", data=content
    )
    [path] = files_in(store)
    assert path.name == attachment.storage_name
    assert re.fullmatch(r"[0-9a-f]{32}", path.name)
    raw = path.read_bytes()
    assert MARKER.encode() not in raw
    assert "Изјава".encode() not in raw
    assert b"Petrovi" not in raw
    assert len(raw) > len(content)  # a nonce and a tag, not the plain bytes
    # The original name is kept, encrypted, and given back only by the service.
    assert "Marije" not in attachment.name
    assert attachment_name(attachment) == "Izjava Marije Petrović.txt"
    assert attachment_content(attachment) == content
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    created = events(action=Action.CREATE, object_type="attachment", actor=worker_user)
    assert [e.object_id for e in created] == [str(attachment.pk)]


def test_the_same_file_twice_is_two_different_ciphertexts(worker_user, report, store):
    first = attachment_add(actor=worker_user, report=report, name="a.pdf", data=pdf())
    second = attachment_add(actor=worker_user, report=report, name="a.pdf", data=pdf())
    assert first.storage_name != second.storage_name
    assert first.sha256 == second.sha256
    one, two = (store / a.storage_name for a in (first, second))
    assert one.read_bytes() != two.read_bytes()
    # A file copied over another's does not decrypt: each is bound to its own name.
    two.write_bytes(one.read_bytes())
    with pytest.raises(InvalidTag):
        attachment_content(second)


def test_attachments_live_outside_the_web_root(worker_user, report, store):
    attachment = attachment_add(actor=worker_user, report=report, name="a.pdf", data=pdf())
    path = (store / attachment.storage_name).resolve()
    assert path.exists()
    static_roots = [Path(settings.STATIC_ROOT).resolve()]
    static_roots += [Path(str(d)).resolve() for d in getattr(settings, "STATICFILES_DIRS", [])]
    for root in static_roots:
        assert not path.is_relative_to(root)
    # The directory is the owner's alone.
    assert stat.S_IMODE(store.stat().st_mode) & 0o077 == 0


def test_the_configured_directory_is_outside_the_web_root():
    directory = Path(settings.ZASTITA_ATTACHMENTS_DIR).resolve()
    static_root = Path(settings.STATIC_ROOT).resolve()
    assert not directory.is_relative_to(static_root)
    assert not static_root.is_relative_to(directory)
    assert not directory.is_relative_to(Path(__file__).resolve().parents[2] / "src")


def test_attachments_are_not_served_as_static_files(client, worker_user, report, store):
    attachment = attachment_add(actor=worker_user, report=report, name="a.pdf", data=pdf())
    sign_in(client, worker_user)
    for url in (
        f"/static/{attachment.storage_name}",
        f"/static/attachments/{attachment.storage_name}",
        f"/media/{attachment.storage_name}",
    ):
        assert client.get(url).status_code == 404


# --- the download ---


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [
        ("Ана Јовић, изјава.pdf", pdf(), "application/pdf", "pdf"),
        ("ANA.JPG", jpeg_with_exif(), "image/jpeg", "jpg"),
        ("beleška o Ani.txt", MARKER.encode(), "text/plain", "txt"),
    ],
)
def test_the_download_has_a_neutral_name_and_is_audited(
    client, worker_user, report, store, name, data, content_type, extension
):
    attachment = attachment_add(actor=worker_user, report=report, name=name, data=data)
    sign_in(client, worker_user)
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    number = report.number.replace("/", "-")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{number}-{attachment.pk}.{extension}"'
    )
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    for word in ("Ана", "ANA", "beleška", "Ani", attachment.storage_name):
        assert word not in headers
    assert response.content == attachment_content(attachment)
    read = events(action=Action.VIEW, object_type="attachment", actor=worker_user)
    assert [e.object_id for e in read] == [str(attachment.pk)]
    assert all(name not in (e.object_id + e.request_id) for e in read)


def test_a_jpeg_comment_does_not_survive(worker_user, report, store):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buffer, "JPEG", comment=b"Nemanjina 4, stan 12")
    assert b"Nemanjina 4" in buffer.getvalue()
    attachment = attachment_add(actor=worker_user, report=report, name="a.jpg",
                                data=buffer.getvalue())  # fmt: skip
    stored = attachment_content(attachment)
    assert b"Nemanjina" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert "comment" not in image.info


def test_an_image_claiming_enormous_dimensions_is_refused_not_a_crash(worker_user, report, store):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
    with pytest.raises(ValidationError) as caught:
        attachment_add(actor=worker_user, report=report, name="big.png", data=bomb)
    assert list(caught.value.fields) == ["file"]
    assert_nothing_stored(store)


# --- the reason is given at the file field, in the user's language ---


def _field_error(response) -> str:
    """The one message at the file field, as the page shows it next to the field."""
    assert response.status_code == 200
    [error] = response.context["attachment_form"].errors["file"]
    html = response.content.decode()
    field = html.index('id="id_file"')
    assert html.rfind(error, 0, field) > html.rfind("<form", 0, field)  # inside the form
    return error


@pytest.mark.parametrize("data", [{}, {"file": ""}], ids=["no field", "nothing chosen"])
def test_attaching_with_no_file_says_so_at_the_field(client, worker_user, report, store, data):
    sign_in(client, worker_user)
    # The browser does not stop the form with its own message (in its own language): the
    # page's message, in the user's, is what is shown.
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert re.search(r'<form [^>]*action="/reports/\d+/attachments/"[^>]* novalidate>', page)
    response = client.post(f"/reports/{report.pk}/attachments/", data)
    assert _field_error(response) == "Изаберите датотеку коју прилажете."
    assert_nothing_stored(store)


def test_a_pixel_flood_is_refused_at_the_field(client, worker_user, report, store):
    sign_in(client, worker_user)
    upload = SimpleUploadedFile("slika.png", pixel_flood(), "image/png")
    response = client.post(f"/reports/{report.pk}/attachments/", {"file": upload})
    assert _field_error(response) == "Слика је већа од 40 мегапиксела; пошаљите мању."
    assert_nothing_stored(store)


def test_a_pdf_with_javascript_is_refused_at_the_field(client, worker_user, report, store):
    sign_in(client, worker_user)
    upload = SimpleUploadedFile("izjava.pdf", active_pdf("OpenAction JavaScript"))
    response = client.post(f"/reports/{report.pk}/attachments/", {"file": upload})
    assert _field_error(response) == PDF_REFUSAL
    assert_nothing_stored(store)
