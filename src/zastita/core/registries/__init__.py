"""Registries that the apps fill at start-up, in their `AppConfig.ready()`.

The platform and the site never import a domain app: a domain app tells them, here, what
they need to know of its subjects (its capabilities, navigation entries, notification kinds,
deadline kinds, written-form specs, document types, subject-access sections, retention
rules, home-page to-do items and periodic jobs). A new app adds itself without editing
the platform, the site or the apps beside it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator


class AlreadyRegistered(Exception):
    pass


class Registry[T]:
    """Items by key, in the order they were registered. Registering the same key twice with
    a different item is a programming error, found at start-up; the same item again (a
    second `ready()` in tests) is harmless."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, T] = {}

    def register(self, key: str, item: T) -> T:
        existing = self._items.get(key)
        if existing is not None and existing != item:
            raise AlreadyRegistered(f"{self.name}: {key!r} is registered twice")
        self._items[key] = item
        return item

    def unregister(self, key: str) -> None:
        """For tests that add a toy app and take it away again."""
        self._items.pop(key, None)

    def get(self, key: str) -> T:
        try:
            return self._items[key]
        except KeyError:
            raise LookupError(f"{self.name}: nothing is registered as {key!r}") from None

    def find(self, key: str) -> T | None:
        return self._items.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def keys(self) -> list[str]:
        return list(self._items)

    def __len__(self) -> int:
        return len(self._items)


@functools.cache
def safe_reference(reference: Callable[[int], str]) -> Callable[[int], str]:
    """A record type's `reference` that answers for a record no longer kept (removed under
    its retention rule, or never there) instead of failing the page that lists it. The
    same function gives the same answer, so a second registration is the same item."""
    from django.core.exceptions import ObjectDoesNotExist
    from django.utils.translation import gettext

    def answer(pk: int) -> str:
        try:
            return reference(pk)
        except ObjectDoesNotExist:
            return gettext("(no longer kept)")

    return answer
