"""Stored files (`core.files`): an image "pixel flood" is refused before it is decoded and an
accepted image is held in one copy; PDFs with active content are refused and a clean one
goes through unchanged; files a crash left without their row are swept by the worker."""

from __future__ import annotations

import ctypes
import io
import os
import struct
import subprocess
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from zastita.audit.models import Action
from zastita.core import files
from zastita.core.errors import ValidationError
from zastita.core.files import images
from zastita.documents.models import Document, EditableCopy
from zastita.site.sweep import OBJECT_TYPE, stored_file_models, sweep_orphans

from ..conftest import events
from ..identification import conftest as identification_fixtures

PDF_TEXT = "Izjava svedoka 4711"
# An accepted report with an identification, for the sweep (its fixtures live there).
person = identification_fixtures.person
accepted = identification_fixtures.accepted
identification = identification_fixtures.identification


@pytest.fixture
def store(tmp_path) -> Iterator[Path]:
    directory = tmp_path / "attachments"
    with override_settings(ZASTITA_ATTACHMENTS_DIR=directory):
        yield directory


def refusal(call: Callable[[], object]) -> str:
    """The message at the file field, in Serbian (the users' language)."""
    with translation.override("sr"), pytest.raises(ValidationError) as caught:
        call()
    assert list(caught.value.fields) == ["file"]
    [message] = caught.value.fields["file"]
    return str(message)


# --- memory, measured as the process's peak resident size (Pillow allocates outside
# Python's allocator, which tracemalloc would not see) ---


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise AssertionError(field)


def peak_mib_during(call: Callable[[], object]) -> float:
    """How far above the resident size at the start the peak went while `call` ran."""
    # Memory freed earlier in this process but still resident would be reused unseen: it
    # goes back to the system first, so what the call touches is counted.
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from here
    before = _status_kib("VmRSS")
    assert _status_kib("VmHWM") - before < 1024
    try:
        call()
    finally:
        peak = _status_kib("VmHWM")
    return (peak - before) / 1024


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def pixel_flood(side: int = 13000) -> bytes:
    """A valid RGB PNG of side × side black pixels in about 0.5 MB: the deflate blocks of a
    hundred zero rows are all the same (a full flush resets the dictionary), so one block
    is compressed and repeated."""
    row = b"\x00" * (1 + 3 * side)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = raw.compress(row * 100) + raw.flush(zlib.Z_FULL_FLUSH)
    assert raw.compress(row * 100) + raw.flush(zlib.Z_FULL_FLUSH) == block
    body = block * (side // 100) + raw.flush()
    checksum = 1
    for _ in range(side // 100 * 100):
        checksum = zlib.adler32(row, checksum)
    idat = b"\x78\xda" + body + struct.pack(">I", checksum)
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + \
        _chunk(b"IEND", b"")  # fmt: skip


def test_the_hostile_png_is_what_the_issue_describes():
    data = pixel_flood()
    assert len(data) < 600_000
    with pytest.warns(Image.DecompressionBombWarning):  # beyond Pillow's own warning
        image = Image.open(io.BytesIO(data))
    assert (image.size, image.mode) == ((13000, 13000), "RGB")
    image.close()
    # Every row is there: a decoder would really fill 13000 × 13000 pixels.
    assert len(zlib.decompress(data[41:-16])) == 13000 * (1 + 3 * 13000)


@pytest.mark.filterwarnings("error")  # nor does Pillow's warning reach the log
def test_a_pixel_flood_is_refused_before_it_is_decoded(store):
    data = pixel_flood()
    messages: list[str] = []
    peak = peak_mib_during(lambda: messages.append(refusal(lambda: files.store("a.png", data))))
    # Decoding it would take 13000 × 13000 × 4 bytes = 645 MiB (1.3 GB with the old copies).
    assert peak < 32, f"{peak:.0f} MiB"
    assert messages == ["Слика је већа од 40 мегапиксела; пошаљите мању."]
    assert not store.exists() or list(store.iterdir()) == []


def test_an_image_at_the_cap_is_accepted_and_held_in_one_copy(store):
    side = 2000  # 4 megapixels: 15 MiB decoded
    buffer = io.BytesIO()
    Image.new("RGB", (side, side), (10, 20, 30)).save(buffer, "PNG")
    decoded_mib = side * side * 4 / 2**20
    with override_settings(ZASTITA_IMAGE_MAX_PIXELS=side * side):
        stored: list[files.StoredFile] = []
        peak = peak_mib_during(lambda: stored.append(files.store("a.png", buffer.getvalue())))
        # One decoded copy and the encoder's buffers, not two copies (exif_transpose and
        # convert each made one).
        assert peak < 1.5 * decoded_mib, f"{peak:.0f} MiB for {decoded_mib:.0f} MiB of pixels"
        with Image.open(io.BytesIO(files.read(stored[0].storage_name))) as image:
            assert image.size == (side, side)
        # One pixel more is refused.
        wider = io.BytesIO()
        Image.new("RGB", (side + 1, side), (10, 20, 30)).save(wider, "PNG")
        assert "4 мегапиксела" in refusal(lambda: files.store("b.png", wider.getvalue()))


def test_a_jpeg_is_not_copied_to_the_mode_it_has(store):
    side = 2000
    buffer = io.BytesIO()
    Image.new("RGB", (side, side), (200, 30, 30)).save(buffer, "JPEG")
    peak = peak_mib_during(lambda: files.store("a.jpg", buffer.getvalue()))
    assert peak < 1.5 * side * side * 4 / 2**20, f"{peak:.0f} MiB"


def test_the_cap_is_forty_megapixels_by_default():
    assert images.max_pixels() == 40_000_000


# --- PDFs ---


def _writer_with_text(text: str = PDF_TEXT) -> PdfWriter:
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }))  # fmt: skip
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(content)
    return writer


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def clean_pdf(text: str = PDF_TEXT, *, title: str = "") -> bytes:
    writer = _writer_with_text(text)
    if title:
        writer.add_metadata({"/Title": title})
    return _bytes(writer)


def clean_pdf_of_size(size: int) -> bytes:
    """A clean PDF of exactly `size` bytes (the title's length sets it; the offsets' digits
    may grow with it, hence a few tries)."""
    length = 1
    for _ in range(5):
        data = clean_pdf(title="x" * length)
        if len(data) == size:
            return data
        length = max(1, length + size - len(data))
    raise AssertionError(size)


def _js(code: str = "app.alert('x')") -> DictionaryObject:
    return DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(code),
    })  # fmt: skip


def _open_action_js(writer: PdfWriter) -> None:
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(_js())


def _page_aa(writer: PdfWriter) -> None:
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js()})


def _launch(writer: PdfWriter) -> None:
    launch = DictionaryObject({
        NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe"),
    })  # fmt: skip
    link = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 595, 842)]),
        NameObject("/A"): launch,
    })  # fmt: skip
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])


def _name_tree_js(writer: PdfWriter) -> None:
    tree = DictionaryObject({
        NameObject("/Names"): ArrayObject([TextStringObject("init"), writer._add_object(_js())]),
    })  # fmt: skip
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)}
    )


def _embedded_file(writer: PdfWriter) -> None:
    writer.add_attachment("program.exe", b"MZ\x90\x00 not a real program")


def _xfa(writer: PdfWriter) -> None:
    xfa = DecodedStreamObject()
    xfa.set_data(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'></xdp:xdp>")
    writer._root_object[NameObject("/AcroForm")] = writer._add_object(DictionaryObject({
        NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): writer._add_object(xfa),
    }))  # fmt: skip


def _unreachable_js(writer: PdfWriter) -> None:
    # An object no page or catalogue points to, but listed in the file: a viewer that
    # repairs the file could still find it.
    writer._add_object(_js())


ACTIVE = {
    "OpenAction JavaScript": _open_action_js,
    "page AA JavaScript": _page_aa,
    "Launch": _launch,
    "JavaScript name tree": _name_tree_js,
    "EmbeddedFiles": _embedded_file,
    "XFA": _xfa,
    "unreachable JavaScript": _unreachable_js,
}
PDF_REFUSAL = (
    "PDF садржи активни садржај (скрипте, приложене датотеке, покретање програма или "
    "интерактивне обрасце). Одштампајте га поново у PDF или га скенирајте, па приложите ту копију."
)


def active_pdf(kind: str) -> bytes:
    writer = _writer_with_text()
    ACTIVE[kind](writer)
    return _bytes(writer)


@pytest.mark.parametrize("kind", sorted(ACTIVE))
def test_a_pdf_with_active_content_is_refused(store, kind):
    data = active_pdf(kind)
    assert refusal(lambda: files.store("izjava.pdf", data)) == PDF_REFUSAL
    assert not store.exists() or list(store.iterdir()) == []


def test_the_active_content_is_found_even_in_compressed_object_streams(store):
    writer = _writer_with_text()
    _open_action_js(writer)
    out = io.BytesIO()
    writer.write(out)
    # The action sits in an object stream: its names are not in the file's raw bytes.
    from pypdf import PdfReader

    packed = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    packed.compress_identical_objects()
    for page in packed.pages:
        page.compress_content_streams()
    data = io.BytesIO()
    packed.write(data)
    assert refusal(lambda: files.store("a.pdf", data.getvalue())) == PDF_REFUSAL


def test_a_name_spelled_with_escapes_is_still_found(store):
    data = active_pdf("JavaScript name tree").replace(b"/JavaScript", b"/J#61vaScript")
    assert b"/JavaScript" not in data
    assert refusal(lambda: files.store("a.pdf", data)) == PDF_REFUSAL


def test_a_clean_pdf_is_accepted_unchanged_and_readable(store, tmp_path):
    data = clean_pdf()
    stored = files.store("izjava.pdf", data)
    assert stored.content_type == "application/pdf"
    kept = files.read(stored.storage_name)
    assert kept == data  # a signed PDF must stay as it was signed
    path = tmp_path / "back.pdf"
    path.write_bytes(kept)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    assert PDF_TEXT in text.decode()


def test_a_link_that_opens_a_page_is_not_active_content(store):
    writer = _writer_with_text()
    writer._root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, NameObject("/Fit")]
    )
    assert files.store("a.pdf", _bytes(writer)).content_type == "application/pdf"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n%%EOF\n", b"%PDF-1.7\n" + b"0" * 200, clean_pdf()[:300]],
    ids=["header only", "no structure", "cut short"],
)
def test_a_pdf_that_cannot_be_read_is_refused(store, data):
    assert refusal(lambda: files.store("a.pdf", data)) == "PDF се не може прочитати."


def test_a_pdf_of_too_many_objects_is_refused_before_they_are_read(store, monkeypatch):
    from pypdf import PdfReader

    writer = PdfWriter()
    page = PdfReader(io.BytesIO(clean_pdf())).pages[0]
    for _ in range(60):
        writer.add_page(page)  # 60 page objects and what they share: over 60 listed
    data = _bytes(writer)
    read: list[object] = []
    real = PdfReader.get_object

    def counted(self: PdfReader, ref: object) -> object:
        read.append(ref)
        return real(self, ref)  # type: ignore[arg-type]

    monkeypatch.setattr(PdfReader, "get_object", counted)
    with override_settings(ZASTITA_PDF_MAX_OBJECTS=50):
        message = refusal(lambda: files.store("a.pdf", data))
    assert message == (
        "PDF је превише сложен за проверу. Одштампајте га поново у PDF или га скенирајте, па "
        "приложите ту копију."
    )
    assert read == []  # refused from the cross-reference table's size alone
    with override_settings(ZASTITA_PDF_MAX_OBJECTS=100):
        assert files.store("a.pdf", data).content_type == "application/pdf"


def test_a_pdf_with_a_password_is_refused(store):
    writer = _writer_with_text()
    writer.encrypt(user_password="tajna", owner_password="tajna", algorithm="AES-128")
    message = refusal(lambda: files.store("a.pdf", _bytes(writer)))
    assert message.startswith("PDF је заштићен лозинком.")


# --- the sweep of files left without their row ---


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.mark.django_db
def test_every_kind_of_stored_file_is_asked():
    labels = {m._meta.label for m in stored_file_models()}
    assert {"intake.Attachment", "identification.Attachment", "documents.EditableCopy"} <= labels


@pytest.mark.django_db
@override_settings(ZASTITA_ORPHAN_GRACE_SECONDS=3600)
def test_the_sweep_removes_only_old_files_without_a_row(
    store,
    worker_user,
    accepted,
    identification,
):
    from zastita.identification.services import attachment_add as document_add
    from zastita.intake.services import attachment_add

    report_file = attachment_add(actor=worker_user, report=accepted, name="a.txt",
                                 data=b"prilog")  # fmt: skip
    document = document_add(actor=worker_user, identification=identification, kind="statement",
                            name="b.txt", data=b"izjava", description="")  # fmt: skip
    young = files.store("c.txt", b"tek upisan")  # its transaction may still be running
    old = files.store("d.txt", b"ostao posle pada")
    other = store / "README"  # not a name core.files gives: not the sweep's to remove
    other.write_text("x")
    for path in store.iterdir():
        _age(path, 7200)
    _age(store / young.storage_name, 60)

    before = events()[-1].seq
    assert sweep_orphans() == 1
    # The report's official note and decision (issued when it was registered and decided)
    # are files with their rows too, and so is the decision's Word copy.
    issued = list(Document.objects.values_list("storage_name", flat=True))
    assert len(issued) == 2
    issued += list(EditableCopy.objects.values_list("storage_name", flat=True))
    assert len(issued) == 3
    assert sorted(p.name for p in store.iterdir()) == sorted(
        [report_file.storage_name, document.storage_name, young.storage_name, "README", *issued]
    )
    [event] = events(seq__gt=before)
    assert (event.action, event.object_type, event.object_id) == (Action.ERASE, OBJECT_TYPE, "1")
    assert event.actor_id is None
    assert event.reason_ref == "grace_seconds:3600"
    assert old.storage_name not in str(event.__dict__)

    # Nothing more to remove: no event.
    assert sweep_orphans() == 0
    assert events(seq__gt=before) == [event]


@pytest.mark.django_db
def test_the_default_grace_keeps_a_file_of_an_hour(store):
    young = files.store("c.txt", b"tek upisan")
    _age(store / young.storage_name, 3600)
    assert sweep_orphans() == 0
    _age(store / young.storage_name, 25 * 3600)
    assert sweep_orphans() == 1


@pytest.mark.django_db
def test_the_workers_pass_sweeps(store, monkeypatch):
    from zastita.core import periodic

    orphan = files.store("d.txt", b"ostao posle pada")
    _age(store / orphan.storage_name, 25 * 3600)
    periodic.reset_schedule()
    counts = periodic.periodic_pass()
    assert counts["orphans_removed"] == 1
    assert list(store.iterdir()) == []
    # Not every pass: the next one is an hour away.
    assert "orphans_removed" not in periodic.periodic_pass()
    assert events(object_type=OBJECT_TYPE)[-1].object_id == "1"
