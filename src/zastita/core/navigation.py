"""Navigation by role: each entry names the permission that shows it. The apps register
their entries at start-up."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise

from zastita.core.registries import Registry


@dataclass(frozen=True)
class NavEntry:
    """A menu entry. `order` places it (the Center's process order: duty, reports, persons,
    identification, then administration); `perm` is the permission that shows it."""

    label: str | Promise
    url_name: str
    perm: str | None
    order: int = 500


# Filled by each app's AppConfig.ready(): a new app adds its entries without editing this.
nav_entries: Registry[NavEntry] = Registry("navigation entries")


def register(*entries: NavEntry) -> None:
    for entry in entries:
        nav_entries.register(entry.url_name, entry)


def entries_for(user: object, current_path: str) -> list[dict[str, object]]:
    has_perm = getattr(user, "has_perm", None)
    visible: list[dict[str, object]] = []
    for entry in sorted(nav_entries, key=lambda e: e.order):
        if entry.perm and not (has_perm and has_perm(entry.perm)):
            continue
        url = reverse(entry.url_name)
        visible.append({"label": entry.label, "url": url, "current": False})
    # The current entry is the longest address the path is under (/identification/rules/
    # is "Indicators", not "Identifications").
    under = [
        e for e in visible
        if current_path == e["url"] or (e["url"] != "/" and current_path.startswith(str(e["url"])))
    ]  # fmt: skip
    if under:
        max(under, key=lambda e: len(str(e["url"])))["current"] = True
    return visible
