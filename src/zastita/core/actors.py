"""Who acts: what an app below `accounts` may know of the signed-in user without importing
the account model (its id, and whether it holds a permission)."""

from __future__ import annotations

from typing import Any, Protocol


class Actor(Protocol):
    @property
    def pk(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...

    def has_perm(self, perm: str, obj: Any = None) -> bool: ...
