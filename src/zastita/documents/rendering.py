"""Rendering a document: its template (edited by the head of service) inside the platform's
frame (registry number, date, author, approver), to PDF/A; and the "cancelled" stamp laid
over every page of a stored PDF.

A template is rendered by an engine of its own: it loads no other template from disk
(`include` and `extends` find nothing), and it runs in debug mode so that an error names
its line. Documents are always made in the Center's language, whatever the user's.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from zastita.core.pdf_render import html_to_pdf

# DOMAIN.md §4: a document that goes to a third party never says the person is a victim of
# trafficking unless the law requires it. Checked in Serbian Latin, lower case, so that
# Cyrillic and Latin are caught alike; the Center's own name ("жртава трговине људима",
# genitive plural) is not a statement about a person and is not listed.
STATUS_PHRASES = (
    "žrtva trgovine", "žrtve trgovine", "žrtvi trgovine", "žrtvu trgovine", "žrtvom trgovine",
    "zrtva trgovine", "zrtve trgovine", "zrtvi trgovine", "zrtvu trgovine", "zrtvom trgovine",
    "victim of trafficking", "victim of human trafficking", "trafficking victim",
    "trafficked person",
)  # fmt: skip


def states_status(text: str) -> str | None:
    """The phrase that says someone is a victim of trafficking, if the text has one."""
    from django.utils.html import strip_tags

    from zastita.core.transliteration import to_latin

    folded = " ".join(to_latin(strip_tags(text)).lower().split())
    return next((phrase for phrase in STATUS_PHRASES if phrase in folded), None)


class TemplateProblem(Exception):
    """A template that cannot be compiled or rendered: the line (0 when unknown) and why."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"{line}: {reason}")
        self.line = line
        self.reason = reason


@functools.cache
def _engine() -> Engine:
    default = Engine.get_default()
    extra = [b for b in default.builtins if b not in Engine.default_builtins]
    return Engine(
        debug=True, loaders=[], libraries=dict(default.libraries), builtins=extra,
        autoescape=True,
    )  # fmt: skip


# Django's own messages are in English and speak of programming; the common ones are said
# again in the user's language, the rest are shown as they are.
_EXPLAINED: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^Unclosed tag on line \d+: '(\w+)'"),
     lambda m: _("the tag “%(tag)s” is opened and never closed") % {"tag": m.group(1)}),
    (re.compile(r"^Invalid filter: '(\w+)'"),
     lambda m: _("there is no filter “%(name)s”") % {"name": m.group(1)}),
    (re.compile(r"^Invalid block tag on line \d+: '(\w+)'"),
     lambda m: _("the tag “%(tag)s” is unknown or closes nothing") % {"tag": m.group(1)}),
    (re.compile(r"^Could not parse the remainder: '(.*)' from"),
     lambda m: _("“%(text)s” cannot be read here") % {"text": m.group(1)}),
    (re.compile(r"^Empty variable tag"), lambda m: _("a {{ }} holds no name")),
    (re.compile(r"^'(\w+)' is not a registered tag library"),
     lambda m: _("there is no tag library “%(name)s”") % {"name": m.group(1)}),
]  # fmt: skip


def _explain(exc: BaseException) -> str:
    from django.template import TemplateDoesNotExist
    from django.urls import NoReverseMatch

    if isinstance(exc, TemplateDoesNotExist):
        return _("a document template cannot include or extend another template")
    if isinstance(exc, NoReverseMatch):
        return _("a document template cannot link to pages of the system")
    message = str(exc) or type(exc).__name__
    for pattern, say in _EXPLAINED:
        match = pattern.match(message)
        if match is not None:
            return say(match)
    return message


def _line_of(exc: BaseException) -> int:
    debug = getattr(exc, "template_debug", None)
    return int(debug["line"]) if debug else 0


def render_body(body: str, context: dict[str, Any]) -> str:
    """The template's HTML with the context. Raises TemplateProblem."""
    try:
        template = _engine().from_string(body)
    except Exception as exc:  # TemplateSyntaxError, and whatever a tag's parser raises
        raise TemplateProblem(_line_of(exc), _explain(exc)) from None
    try:
        with translation.override(settings.LANGUAGE_CODE):
            return template.render(Context(context, autoescape=True))
    except Exception as exc:
        raise TemplateProblem(_line_of(exc), _explain(exc)) from None


def document_html(
    body: str, context: dict[str, Any], *, frame: dict[str, Any] | None = None
) -> str:
    """The whole page: the frame (with `frame`'s values, which the template does not see)
    with the rendered template inside it."""
    inner = render_body(body, context)
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "documents/pdf_frame.html",
            {**context, **(frame or {}), "body": mark_safe(inner)},  # noqa: S308
        )


def to_pdf(html: str) -> bytes:
    return html_to_pdf(html)


def stamp_cancelled(pdf: bytes, *, correction_number: str) -> bytes:
    """The stored PDF with "CANCELLED" and the correcting document's number over every page.
    The stored file is not changed: the stamp is laid on the copy that is served."""
    from pypdf import PdfReader, PdfWriter, Transformation

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string("documents/pdf_stamp.html", {"correction": correction_number})
    stamp_page = PdfReader(io.BytesIO(to_pdf(html))).pages[0]
    stamp_width, stamp_height = float(stamp_page.mediabox.width), float(stamp_page.mediabox.height)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        scale = Transformation().scale(width / stamp_width, height / stamp_height)
        page.merge_transformed_page(stamp_page, scale, over=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
