"""The "My work" page: the worker's unsent drafts, newest first."""

from __future__ import annotations

from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zastita.core.registries.my_work import WorkRow, WorkSection, register


def my_drafts(actor: Any, limit: int) -> list[WorkRow]:
    from zastita.drafts.selectors import drafts_of_user

    rows = []
    for draft in drafts_of_user(user=actor)[: limit + 1]:
        saved = formats.date_format(timezone.localtime(draft.saved_at), "SHORT_DATETIME_FORMAT")
        expires = formats.date_format(timezone.localtime(draft.expires_at), "SHORT_DATE_FORMAT")
        rows.append(WorkRow(
            label=draft.title or gettext("a form"), url=draft.page_path,
            detail=gettext("saved %(saved)s, kept until %(expires)s") % {
                "saved": saved, "expires": expires,
            },
        ))  # fmt: skip
    return rows


def register_section() -> None:
    register(WorkSection(
        code="drafts.mine", title=_("Drafts"), order=50, collect=my_drafts,
        empty=_("You have no unsent draft."),
    ))  # fmt: skip
