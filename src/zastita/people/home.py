"""Home items for the head of service: identity reveals to review."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zastita.core.home import HomeItem


def reveal_items(user: object) -> list[HomeItem]:
    if not getattr(user, "has_perm", lambda p: False)("people.review_reveals"):
        return []
    from zastita.people.models import IdentityReveal

    since = timezone.now() - timedelta(days=7)
    count = IdentityReveal.objects.filter(created_at__gte=since).count()
    if not count:
        return []
    return [
        HomeItem(
            _("Names of children or sealed files revealed this week"),
            reverse("people:reveal_list"),
            count,
            True,
        )
    ]
