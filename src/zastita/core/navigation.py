"""Navigation by role: each entry names the permission that shows it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    perm: str | None


ENTRIES = [
    NavEntry(_("Home"), "site:home", None),
    NavEntry(_("Duty"), "intake:duty", "intake.see_duty"),
    NavEntry(_("Reports"), "intake:report_list", "intake.view"),
    NavEntry(_("Persons"), "people:person_search", "people.search"),
    NavEntry(_("Identifications"), "identification:list", "identification.view"),
    NavEntry(_("Indicators"), "identification:rules", "identification.view"),
    NavEntry(_("Users"), "accounts:user_list", "accounts.manage_users"),
    NavEntry(_("Roles"), "accounts:role_list", "accounts.manage_roles"),
    NavEntry(_("Activations"), "accounts:activation_list", "accounts.list_activations"),
    NavEntry(_("Partners"), "partners:organisation_list", "partners.manage"),
    NavEntry(_("Access log"), "audit:access_log", "audit.read_access_log"),
    NavEntry(_("Subject access"), "people:subject_access", "people.export_subject"),
]


def entries_for(user: object, current_path: str) -> list[dict[str, object]]:
    has_perm = getattr(user, "has_perm", None)
    visible: list[dict[str, object]] = []
    for entry in ENTRIES:
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
