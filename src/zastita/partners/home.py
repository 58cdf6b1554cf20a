"""Home item: partner key requests waiting for this person's confirmation."""

from __future__ import annotations

from typing import cast

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zastita.core.actors import Actor
from zastita.core.home import HomeItem


def key_request_items(user: object) -> list[HomeItem]:
    if not getattr(user, "has_perm", lambda p: False)("partners.key_requests"):
        return []
    from zastita.partners.selectors import api_key_requests
    from zastita.partners.services import may_confirm

    actor = cast(Actor, user)
    waiting = len([key for key in api_key_requests(actor=actor) if may_confirm(actor, key)])
    if not waiting:
        return []
    return [
        HomeItem(
            _("API key requests to confirm"), reverse("partners:key_request_list"), waiting, True
        )
    ]
