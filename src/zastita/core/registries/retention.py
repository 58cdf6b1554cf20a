"""Retention rules: how long each kind of record about a person is kept, and what happens to
it then (ARCHITECTURE.md §3.10: case data is closed or anonymised, never hard-deleted outside
the retention process). Each app that holds data about people registers its rules in its
`AppConfig.ready()`, naming the models they cover; a test fails when a model that refers to a
person is covered by no rule.

This is the register of rules, nothing more: nothing is deleted or anonymised here. The
periods registered are defaults; the data-protection officer sets the period in force, kept
as versioned data (`core.RetentionPeriod`), with who changed it and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zastita.core.registries import Registry

MIN_YEARS = 1
MAX_YEARS = 100


class AtTheEnd(models.TextChoices):
    """What the retention process does with a record once its period has run."""

    ANONYMISE = "anonymise", _("anonymised: what identifies the person is removed")
    CLOSE = "close", _("closed: kept in the archive, no longer used in the work")
    DELETE_TECHNICAL = "delete_technical", _("deleted: technical data only")


@dataclass(frozen=True)
class RetentionRule:
    """One rule. `models` are "app_label.ModelName"; `years` is the default period, counted
    from the event `starts` names; `basis` is the legal basis of keeping the records so long."""

    code: str
    label: str | Promise
    models: tuple[str, ...]
    years: int
    starts: str | Promise
    at_end: AtTheEnd
    basis: str | Promise

    def __post_init__(self) -> None:
        if not MIN_YEARS <= self.years <= MAX_YEARS:
            raise ValueError(f"{self.code}: a default period of {self.years} years")


retention_rules: Registry[RetentionRule] = Registry("retention rules")


def register(*rules: RetentionRule) -> None:
    for rule in rules:
        retention_rules.register(rule.code, rule)


def covered_models() -> set[str]:
    return {label for rule in retention_rules for label in rule.models}


# The legal basis most rules share: personal data are kept no longer than the purpose needs.
STORAGE_LIMITATION = _("Law on Personal Data Protection, art. 5 (storage limitation)")
