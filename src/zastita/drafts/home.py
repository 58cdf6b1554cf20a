"""The home page lists the user's unsent drafts, newest first."""

from __future__ import annotations

from typing import cast

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.core.home import HomeItem


def draft_items(user: object) -> list[HomeItem]:
    from zastita.accounts.signin import fully_signed_in
    from zastita.drafts.selectors import drafts_of_user

    if not fully_signed_in(user):
        return []
    items = []
    for draft in drafts_of_user(user=cast(User, user)):
        saved = formats.date_format(timezone.localtime(draft.saved_at), "SHORT_DATETIME_FORMAT")
        expires = formats.date_format(timezone.localtime(draft.expires_at), "SHORT_DATE_FORMAT")
        title = _("Unsent draft: %(title)s (saved %(saved)s, kept until %(expires)s)") % {
            "title": draft.title or _("a form"),
            "saved": saved,
            "expires": expires,
        }
        items.append(HomeItem(title=title, url=draft.page_path))
    return items
