"""Home item: partner key requests waiting for this person's confirmation."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.core.home import HomeItem


def key_request_items(user: object) -> list[HomeItem]:
    if not getattr(user, "has_perm", lambda p: False)("partners.key_requests"):
        return []
    from zastita.accounts.models import User
    from zastita.partners.selectors import api_key_requests
    from zastita.partners.services import may_confirm

    assert isinstance(user, User)
    waiting = len([key for key in api_key_requests(actor=user) if may_confirm(user, key)])
    if not waiting:
        return []
    return [
        HomeItem(
            _("API key requests to confirm"), reverse("partners:key_request_list"), waiting, True
        )
    ]
