"""Uploaded PDFs carry no active content: JavaScript, launch actions, embedded files, XFA
forms, rich media, or an action that runs by itself when the file or a page opens.

A PDF that has any is refused, not repaired: rewriting it would break a signed document
(a court's or the police's electronic signature), and the Center can ask for a clean copy.
The check reads every object the file lists, not only those reachable from its catalogue,
and also looks at the raw bytes, so an object a viewer might find and the parser skipped is
not missed. pypdf is pure Python: a hostile file meets no native parser in the web worker.
A PDF that cannot be read, or that asks for a password, cannot be checked and is refused."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from zastita.core.errors import ValidationError

# Keys whose presence alone is active content: a script, a file inside the file, an XFA form.
_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent"})
# Action types that run code, open programs or files, or send the document's data away.
_ACTIONS = frozenset({"/JavaScript", "/Launch", "/GoToE", "/ImportData", "/SubmitForm",
                      "/RichMediaExecute", "/Rendition"})  # fmt: skip
_TYPES = frozenset({"/EmbeddedFile", "/FileAttachment", "/RichMedia", "/Screen", "/Movie"})
# An action that runs by itself (on opening the file or a page, on a form event) may only move
# the view; everything else needs a person's click.
_AUTOMATIC = frozenset({"/OpenAction", "/AA"})
_HARMLESS_AUTOMATIC = frozenset({"/GoTo"})
# The same names in the raw bytes, with #xx escapes decoded (`/J#61vaScript`).
_RAW_NAMES = re.compile(
    rb"/(JS|JavaScript|Launch|EmbeddedFiles?|XFA|RichMedia\w*|GoToE|ImportData|SubmitForm)"
    rb"(?=[\s/<>\[\]()%{}]|$)"
)
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_MAX_DEPTH = 64
# pypdf reads about a thousand objects a second: a file of many tiny objects would hold a
# web worker for minutes. A thousand-page office document has some ten thousand.
DEFAULT_MAX_OBJECTS = 20_000


class _Active(Exception):
    """Found: the name of what was found."""


def _refused() -> ValidationError:
    return ValidationError(fields={"file": [
        _("The PDF contains active content (scripts, attached files, launch actions or "
          "interactive forms). Print it to PDF again or scan it, and attach that copy."),
    ]})  # fmt: skip


def _unreadable() -> ValidationError:
    return ValidationError(fields={"file": [_("The PDF cannot be read.")]})


def _protected() -> ValidationError:
    return ValidationError(fields={"file": [
        _("The PDF is protected by a password. Save it without the password and attach it again."),
    ]})  # fmt: skip


def _too_complex() -> ValidationError:
    return ValidationError(fields={"file": [
        _("The PDF is too complex to check. Print it to PDF again or scan it, and attach "
          "that copy."),
    ]})  # fmt: skip


def _action_type(value: Any) -> str:
    from pypdf.generic import DictionaryObject

    value = value.get_object() if hasattr(value, "get_object") else value
    return str(value.get("/S", "")) if isinstance(value, DictionaryObject) else ""


def _inspect(obj: Any) -> None:
    """Raises _Active when this one object (not its children) is active content."""
    from pypdf.generic import DictionaryObject

    if not isinstance(obj, DictionaryObject):
        return
    for key in obj:
        if key in _KEYS:
            raise _Active(key)
    if obj.get("/S") in _ACTIONS:
        raise _Active(str(obj["/S"]))
    if obj.get("/Type") in _TYPES or obj.get("/Subtype") in _TYPES:
        raise _Active(str(obj.get("/Subtype") or obj.get("/Type")))
    if "/OpenAction" in obj:
        kind = _action_type(obj["/OpenAction"])
        if kind and kind not in _HARMLESS_AUTOMATIC:
            raise _Active("/OpenAction")
    if "/AA" in obj:
        triggers = obj["/AA"].get_object()
        if isinstance(triggers, DictionaryObject):
            for action in triggers.values():
                if _action_type(action) not in _HARMLESS_AUTOMATIC:
                    raise _Active("/AA")


def _children(obj: Any) -> Iterator[Any]:
    from pypdf.generic import ArrayObject, DictionaryObject

    if isinstance(obj, DictionaryObject):
        yield from obj.values()
    elif isinstance(obj, ArrayObject):
        yield from obj


def _walk(root: Any) -> None:
    """Every direct object under `root` (indirect ones are inspected on their own)."""
    from pypdf.generic import IndirectObject

    stack = [(root, 0)]
    while stack:
        obj, depth = stack.pop()
        if isinstance(obj, IndirectObject) or depth > _MAX_DEPTH:
            continue
        _inspect(obj)
        stack.extend((child, depth + 1) for child in _children(obj))


def _listed_objects(reader: Any) -> Iterator[Any]:
    """Every object the file's cross-reference tables list, reachable or not."""
    from pypdf.generic import IndirectObject

    listed = sum(len(numbers) for numbers in reader.xref.values()) + len(reader.xref_objStm)
    if listed > int(getattr(settings, "ZASTITA_PDF_MAX_OBJECTS", DEFAULT_MAX_OBJECTS)):
        raise _too_complex()
    for generation, numbers in list(reader.xref.items()):
        for number in list(numbers):
            yield IndirectObject(number, generation, reader).get_object()
    for number in list(reader.xref_objStm):
        yield IndirectObject(number, 0, reader).get_object()


def _raw_names(data: bytes) -> str | None:
    decoded = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    found = _RAW_NAMES.search(decoded)
    return found.group(1).decode() if found else None


def check(data: bytes) -> None:
    """Raises ValidationError (field "file") unless the PDF is readable and has no active
    content. The file itself is not changed: what is stored is what was checked."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    found = _raw_names(data)
    if found is None:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise _protected()
            _walk(reader.trailer)
            for obj in _listed_objects(reader):
                _walk(obj)
            if not reader.pages:
                raise _unreadable()
        except _Active as active:
            found = str(active)
        except FileNotDecryptedError:
            raise _protected() from None
        except ValidationError:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
                RecursionError, OSError, NotImplementedError):  # fmt: skip
            # A parser this lenient that still gives up: nothing can vouch for the file.
            raise _unreadable() from None
    if found is not None:
        raise _refused()
