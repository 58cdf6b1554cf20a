"""Notification kinds: what a domain app tells the notifications platform about the messages
it sends on its subjects (registered in its `AppConfig.ready()`).

The platform writes the outbox, delivers and retries; the owning app says what a message of
the kind reads (`text`: a short sentence of codes and numbers, NEVER a name, a place or any
narrative about a person), where it leads (`link`: a path of ids), on which channels it may
go, and whether it is urgent (an urgent kind always reaches its recipients in the
application and by e-mail, whatever they chose, and goes to the pager webhook).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from zastita.core.registries import Registry

IN_APP = "in_app"
EMAIL = "email"
WEBHOOK = "webhook"
ALL_CHANNELS: tuple[str, ...] = (IN_APP, EMAIL, WEBHOOK)
# The channels a person chooses for themselves; the webhook is the Center's pager.
PERSONAL_CHANNELS: tuple[str, ...] = (IN_APP, EMAIL)


@dataclass(frozen=True)
class NotificationKindSpec:
    """One kind of message.

    `text(subject_id, language)` returns the whole message in that language; `link(subject_type,
    subject_id)` returns the path it leads to (the platform makes it absolute for e-mail and
    the webhook). Both are called at delivery and when a list is shown, never stored.
    """

    code: str
    label: str | Promise
    text: Callable[[int, str], str]
    link: Callable[[str, int], str]
    channels: tuple[str, ...] = ALL_CHANNELS
    urgent: bool = False
    # Codes the webhook's receiver reads besides the message (intake: the report's
    # registry number, which the SMS gateway shows): numbers and codes only.
    webhook_fields: Callable[[int], dict[str, str]] | None = None

    def __post_init__(self) -> None:
        unknown = set(self.channels) - set(ALL_CHANNELS)
        if unknown:
            raise ValueError(f"notification kind {self.code!r}: unknown channels {unknown}")

    @property
    def personal_channels(self) -> tuple[str, ...]:
        """The channels a recipient may choose among for this kind."""
        return tuple(c for c in self.channels if c in PERSONAL_CHANNELS)


notification_kinds: Registry[NotificationKindSpec] = Registry("notification kinds")
