"""Slots: where an app asks the apps above it for something without importing them.

An app declares its slots in a module of its own (intake's are in `intake/slots.py`: the report
page's identifications, the report's timeline entries) and offers them through its `public.py`;
an app above fills them in its `AppConfig.ready()`. The lower app calls the
slot and gets what every provider gave, in the order they registered; with no provider it
gets nothing. This is how the report page shows its identifications while intake stays below
identification.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Slot[T]:
    def __init__(self, name: str) -> None:
        self.name = name
        self._providers: list[Callable[..., T]] = []

    def provide(self, provider: Callable[..., T]) -> Callable[..., T]:
        if provider not in self._providers:
            self._providers.append(provider)
        return provider

    def withdraw(self, provider: Callable[..., T]) -> None:
        """For tests that fill a slot for a while."""
        if provider in self._providers:
            self._providers.remove(provider)

    def collect(self, *args: Any, **kwargs: Any) -> list[T]:
        return [provider(*args, **kwargs) for provider in self._providers]
