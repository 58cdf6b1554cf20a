"""Files of a case (a report's attachments, an identification's documents): the type is
checked against the first bytes, images lose their metadata (`images`), PDFs with active
content are refused (`pdf`), and the file is stored encrypted outside the web root under a
random name, readable by the service only. Files a crash left without their row are swept
by the worker (`sweep`).

The caller writes the row that points to the file in its own transaction, and calls
`discard` if that fails, so nothing is half-saved (`attachments.attach` does both for a
record's attachment)."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from zastita.core.crypto import keyring
from zastita.core.errors import ValidationError
from zastita.core.files import images, pdf
from zastita.core.models import StoredFileFields

# The type named by the extension must be the type the first bytes show: an executable
# renamed to .pdf starts with "MZ" or ELF, not "%PDF-".
_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".txt": ("text/plain", ()),
}
_EXTENSIONS = {
    "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}  # fmt: skip


@dataclass(frozen=True)
class StoredFile:
    storage_name: str
    content_type: str
    size: int
    sha256: str
    key_id: str

    def row_fields(self) -> dict[str, str | int]:
        """The `StoredFileFields` of the row that points to this file."""
        return {
            "content_type": self.content_type, "size": self.size,
            "storage_name": self.storage_name, "sha256": self.sha256, "key_id": self.key_id,
        }  # fmt: skip


def too_large_message() -> str:
    from django.template.defaultfilters import filesizeformat

    return _("The file is larger than %(size)s.") % {
        "size": filesizeformat(settings.ZASTITA_ATTACHMENT_MAX_BYTES)
    }


def too_large(size: int) -> bool:
    """Asked of an upload before it is read into memory."""
    return size > settings.ZASTITA_ATTACHMENT_MAX_BYTES


def _checked_type(name: str, data: bytes) -> str:
    extension = os.path.splitext(name.lower())[1]
    if extension not in _TYPES:
        raise ValidationError(
            fields={"file": [_("Only PDF, JPEG, PNG and plain-text files are accepted.")]}
        )
    content_type, signatures = _TYPES[extension]
    mismatch = ValidationError(fields={"file": [_("The file's contents do not match its type.")]})
    if signatures and not any(data.startswith(s) for s in signatures):
        raise mismatch
    if content_type == "text/plain":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise mismatch from None
        if b"\x00" in data:
            raise mismatch
    return content_type


def _context(storage_name: str) -> bytes:
    return f"attachment:{storage_name}".encode()


def store(name: str, data: bytes) -> StoredFile:
    """Checks, cleans and writes one file. Raises ValidationError (field "file") with the
    reason the user can act on."""
    if too_large(len(data)):
        raise ValidationError(fields={"file": [too_large_message()]})
    if not data:
        raise ValidationError(fields={"file": [_("The file is empty.")]})
    content_type = _checked_type(name, data)
    if content_type.startswith("image/"):
        data = images.without_metadata(data, content_type)
    elif content_type == "application/pdf":
        pdf.check(data)
    return _write(data, content_type)


def store_made(data: bytes, content_type: str) -> StoredFile:
    """Writes a file the system itself made (a document's Word copy): encrypted like an
    upload, with no upload checks, since nobody outside handed it in."""
    return _write(data, content_type)


def _write(data: bytes, content_type: str) -> StoredFile:
    storage_name = secrets.token_hex(16)
    directory = settings.ZASTITA_ATTACHMENTS_DIR
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Readable by the service only, whatever the umask.
    descriptor = os.open(directory / storage_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(keyring().encrypt_bytes(data, context=_context(storage_name)))
    return StoredFile(
        storage_name=storage_name, content_type=content_type, size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), key_id=keyring().active_id,
    )  # fmt: skip


def discard(storage_name: str) -> None:
    (settings.ZASTITA_ATTACHMENTS_DIR / storage_name).unlink(missing_ok=True)


def read(storage_name: str) -> bytes:
    blob = (settings.ZASTITA_ATTACHMENTS_DIR / storage_name).read_bytes()
    return keyring().decrypt_bytes(blob, context=_context(storage_name))


def download(stored: StoredFileFields, prefix: str) -> HttpResponse:
    """The file as a download under a neutral name (`prefix-id.ext`): the original name may
    name someone, and headers end up in logs."""
    response = HttpResponse(read(stored.storage_name), stored.content_type)
    name = f"{prefix}-{stored.pk}.{_EXTENSIONS.get(stored.content_type, 'txt')}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
