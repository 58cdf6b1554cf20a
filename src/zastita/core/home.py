"""The home page's to-do list: each app contributes the items its users must act on.

Later apps (intake, cases, shelter, …) register their own providers in AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class HomeItem:
    title: str | Promise
    url: str
    count: int | None = None
    urgent: bool = False


Provider = Callable[[object], list[HomeItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def items_for(user: object) -> list[HomeItem]:
    items: list[HomeItem] = []
    for provider in _providers:
        items.extend(provider(user))
    return sorted(items, key=lambda i: not i.urgent)
