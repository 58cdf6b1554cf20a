"""What a role can grant. Code checks capabilities; which role holds which is data.

An account that administers (users, roles, reference data) holds no other capability: the
administrator reads no case, no statistics and no access log, and cannot grant itself any.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Capability(models.TextChoices):
    REPORTS_RECEIVE = "reports.receive", _("Receive and register reports")
    REPORTS_SUBMIT = "reports.submit", _("Submit reports as a partner and follow their status")
    CASES_WORK = "cases.work", _("Work on assigned cases")
    CASES_COORDINATE = "cases.coordinate", _("Coordinate all cases, assign and approve")
    CASES_READ_ALL = "cases.read_all", _("Read all cases")
    SHELTER_WORK = "shelter.work", _("Work with Shelter residents")
    PEOPLE_IDENTITY = "people.identity", _("Register persons and see their identities")
    PEOPLE_SEARCH = "people.search", _("Search the person registry (names masked)")
    STATISTICS_READ = "statistics.read", _("Read statistics and de-identified data")
    USERS_ACTIVATE = "users.activate", _("Issue activation codes for new or reset sign-ins")
    USERS_MANAGE = "users.manage", _("Manage users and roles")
    REFERENCE_MANAGE = "reference.manage", _("Manage reference data and partners")
    AUDIT_READ = "audit.read", _("Read the access log and verify the audit trail")


ADMINISTRATION = frozenset({Capability.USERS_MANAGE, Capability.REFERENCE_MANAGE})
CASE_DATA = frozenset(
    {
        Capability.REPORTS_RECEIVE,
        Capability.CASES_WORK,
        Capability.CASES_COORDINATE,
        Capability.CASES_READ_ALL,
        Capability.SHELTER_WORK,
    }
)


def mixes_administration_with_other(codes: set[str]) -> bool:
    return bool(codes & ADMINISTRATION) and bool(codes - ADMINISTRATION)


# The roles of the Center (DOMAIN.md §2), installed by a data migration and editable after.
DEFAULT_ROLES: dict[str, tuple[str, str, list[Capability]]] = {
    "worker": (
        "Стручни радник",
        "Professional worker",
        [
            Capability.REPORTS_RECEIVE,
            Capability.CASES_WORK,
            Capability.PEOPLE_IDENTITY,
            Capability.PEOPLE_SEARCH,
        ],
    ),
    "duty_worker": (
        "Дежурни стручни радник",
        "Duty worker",
        [
            Capability.REPORTS_RECEIVE,
            Capability.CASES_WORK,
            Capability.PEOPLE_IDENTITY,
            Capability.PEOPLE_SEARCH,
        ],
    ),
    "head_of_service": (
        "Руководилац Службе",
        "Head of service",
        [
            Capability.REPORTS_RECEIVE,
            Capability.CASES_WORK,
            Capability.CASES_COORDINATE,
            Capability.CASES_READ_ALL,
            Capability.STATISTICS_READ,
            Capability.USERS_ACTIVATE,
            Capability.PEOPLE_IDENTITY,
            Capability.PEOPLE_SEARCH,
        ],
    ),
    "director": (
        "Директор",
        "Director",
        [Capability.CASES_READ_ALL, Capability.STATISTICS_READ, Capability.PEOPLE_SEARCH],
    ),
    "shelter_staff": (
        "Стручни радник у Прихватилишту",
        "Shelter staff",
        [Capability.SHELTER_WORK],
    ),
    "analyst": ("Аналитичар", "Analyst", [Capability.STATISTICS_READ]),
    "partner_reporter": ("Пријавилац (партнер)", "Partner reporter", [Capability.REPORTS_SUBMIT]),
    "administrator": (
        "Администратор",
        "Administrator",
        [Capability.USERS_MANAGE, Capability.REFERENCE_MANAGE],
    ),
    "dpo": ("Лице за заштиту података", "Data protection officer", [Capability.AUDIT_READ]),
}
