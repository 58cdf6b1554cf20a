"""What the identification's page says of the person's protection (the slot
`identification.public.case_offers`): their open case, or the case a decision in force
proposes, with the button to open it for who may."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zastita.cases.services import may_open_from, open_case_of, proposal
from zastita.identification.public import CaseOffer, Identification


def case_offer(actor: Any, identification: Identification) -> CaseOffer | None:
    existing = open_case_of(identification.person_id)
    if existing is not None:
        if not actor.has_perm("cases.view", existing):
            return None  # another's case: not even its number
        return CaseOffer(text=existing.number, url=reverse("cases:detail", args=[existing.pk]))
    status = proposal(identification)
    if not status:
        return None
    may_open = may_open_from(actor, identification)
    return CaseOffer(
        text=_("The decision in force (%(status)s) proposes a case for the person.")
        % {"status": status},
        open_url=reverse("cases:open", args=[identification.pk]) if may_open else "",
    )
