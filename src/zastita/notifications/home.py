"""The home page's to-do item of notifications: the signed-in user's unread ones."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.core.home import HomeItem
from zastita.notifications.selectors import unread_count


def unread_items(user: object) -> list[HomeItem]:
    unread = unread_count(user_id=getattr(user, "pk", None))
    if not unread:
        return []
    return [HomeItem(_("Unread notifications"), reverse("notifications:list"), unread, False)]
