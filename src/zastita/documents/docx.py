"""DOCX copies of the documents the Center edits by hand before signing (docxtpl).

A DOCX template is a Word file with Jinja tags (`{{ registry_number }}`, `{% for … %}`),
uploaded by the head of service as a version of the type's template. It is rendered in a
sandbox (no attribute of a Python object is reachable from the file), with every value
escaped for XML, and a name the context does not have is an error rather than an empty
space in a signed letter. The copy is made once, when the document is issued, and stored
beside its PDF/A; it is never made again.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from zastita.documents.rendering import TemplateProblem

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Control characters other than tab and line feed make the document's XML invalid.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def _plain(value: Any) -> Any:
    """The context's values as the Word file shows them: dates in the Serbian way, text
    without control characters, lists and pairs alike."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y. %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y.")
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _explain(exc: BaseException) -> str:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(exc, UndefinedError):
        name = re.search(r"'([^']+)' is undefined", str(exc))
        if name:
            return _("there is no value “%(name)s” for this document") % {"name": name.group(1)}
        return _("a value used in the template does not exist for this document")
    if isinstance(exc, SecurityError):
        return _("the template reaches for something a document may not use")
    if isinstance(exc, TemplateSyntaxError):
        near = " ".join(
            " ".join(line.split()) for line in getattr(exc, "docx_context", None) or ()
        ).strip()  # fmt: skip
        reason = _("a tag is written wrongly (%(detail)s)") % {"detail": exc.message or ""}
        if near:
            reason += " " + _("near “%(text)s”") % {"text": near[:120]}
        return reason
    return _("the Word file cannot be filled in (%(detail)s)") % {"detail": type(exc).__name__}


def check_file(data: bytes) -> None:
    """A Word document (.docx), not too large, without macros. Raises TemplateProblem."""
    if not data:
        raise TemplateProblem(0, _("choose a Word file (.docx)"))
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateProblem(0, _("the file is larger than 2 MB"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise TemplateProblem(0, _("the file is not a Word document (.docx)")) from None
    if "word/document.xml" not in names:
        raise TemplateProblem(0, _("the file is not a Word document (.docx)"))
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise TemplateProblem(0, _("the file contains macros; save it as a plain .docx"))


def render(template: bytes, context: dict[str, Any]) -> bytes:
    """The filled-in Word file. Raises TemplateProblem with the reason in words."""
    from docxtpl import DocxTemplate

    check_file(template)
    try:
        document = DocxTemplate(io.BytesIO(template))
        with translation.override(settings.LANGUAGE_CODE):
            document.render(
                {key: _plain(value) for key, value in context.items()},
                jinja_env=_environment(),
            )
        # Who wrote the template is not part of the letter.
        properties = document.docx.core_properties
        properties.author = properties.last_modified_by = properties.comments = ""
        out = io.BytesIO()
        document.save(out)
    except TemplateProblem:
        raise
    except Exception as exc:  # Jinja's errors, and a Word file docxtpl cannot read
        raise TemplateProblem(0, _explain(exc)) from None
    return out.getvalue()


def text_of(data: bytes) -> str:
    """All the text of a Word file: paragraphs, tables, headers and footers."""
    from docx import Document as WordDocument

    word = WordDocument(io.BytesIO(data))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in word.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def default_template(title: str, lines: tuple[str, ...]) -> bytes:
    """A plain Word template for a type that has none yet: the title, the registry number
    and the date, then the type's own lines (each may hold tags)."""
    from docx import Document as WordDocument

    word = WordDocument()
    word.core_properties.author = ""
    word.core_properties.title = title
    word.add_paragraph("Центар за заштиту жртава трговине људима")
    word.add_paragraph("Број: {{ registry_number }}")
    word.add_paragraph("Датум: {{ issued_on }}")
    word.add_heading(title, level=1)
    for line in lines:
        word.add_paragraph(line)
    word.add_paragraph("")
    word.add_paragraph("{{ author_name }}")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
