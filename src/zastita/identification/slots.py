"""What identification asks of the apps above it, without importing them (see `core.slots`).

Cases fills this in its `AppConfig.ready()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from zastita.core.slots import Slot


@dataclass(frozen=True)
class CaseOffer:
    """What the identification's page says of the person's protection: their open case (a
    link to it), or, with a decision in force, that a case is proposed and, for who may,
    the address the button to open it posts to."""

    text: str | Promise
    url: str = ""  # the case's page
    open_url: str = ""  # where the button that opens a case posts


# Given the viewer and the identification: at most one offer from each provider.
case_offers: Slot[CaseOffer | None] = Slot("case offers")


# Given the viewer and the identification: where its person's proceedings are kept instead
# of on it (said with the case's number to who may see the case), or None. Once a case
# exists, the identification's list of proceedings is read-only.
proceedings_kept: Slot[str | None] = Slot("proceedings kept on a case")
