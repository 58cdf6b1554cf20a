"""The retention periods: the one write (a new version of a rule's period) and the page's
read."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext as _

from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.core.errors import Conflict, PermissionDenied, ValidationError
from zastita.core.models import RetentionPeriod
from zastita.core.registries.retention import MAX_YEARS, MIN_YEARS, RetentionRule, retention_rules
from zastita.site.retention import rules as _rules  # noqa: F401 (the permission)

PERM = "site.manage_retention"
OBJECT_TYPE = "retention_period"
MAX_REASON = 300


# The default names of the models the rules cover (a model without a `verbose_name` has a
# plain English one), here so that the catalogue holds them; a model named with
# `verbose_name=_(...)` needs no entry.
MODEL_NAMES = (
    gettext_noop("report person"), gettext_noop("report transition"),
    gettext_noop("interview"), gettext_noop("assessment"), gettext_noop("proceeding"),
    gettext_noop("person relation"), gettext_noop("person merge"),
    gettext_noop("identity reveal"), gettext_noop("person search key"),
    gettext_noop("document"), gettext_noop("form version"), gettext_noop("form review"),
    gettext_noop("deadline pause"), gettext_noop("notification"), gettext_noop("form draft"),
    gettext_noop("audit event"),
)  # fmt: skip


def _has(actor: object, perm: str) -> bool:
    has_perm = getattr(actor, "has_perm", None)
    return bool(has_perm and has_perm(perm))


@dataclass(frozen=True)
class RuleRow:
    rule: RetentionRule
    current: RetentionPeriod | None
    # The records the rule covers, in words (the models' names).
    records: list[str]

    @property
    def years(self) -> int:
        return self.current.years if self.current is not None else self.rule.years

    @property
    def version(self) -> int:
        return self.current.version if self.current is not None else 0


def _model_name(label: str) -> str:
    try:
        model = apps.get_model(label)
    except LookupError:
        return label
    # A model's default name is a plain string; the catalogue translates it when it can.
    return capfirst(gettext(str(model._meta.verbose_name)))


def retention_rows(*, actor: object) -> list[RuleRow]:
    """Every registered rule with the version of its period in force (None: the default)."""
    if not _has(actor, PERM):
        raise PermissionDenied(object_type="retention_period_list")
    newest: dict[str, RetentionPeriod] = {}
    for row in RetentionPeriod.objects.select_related("changed_by").order_by(
        "rule_code", "-version"
    ):
        newest.setdefault(row.rule_code, row)
    return [
        RuleRow(rule, newest.get(rule.code), [_model_name(m) for m in rule.models])
        for rule in retention_rules
    ]


def retention_years(rule_code: str) -> int:
    """The period in force for a rule, in years: the newest version set, else the default."""
    rule = retention_rules.get(rule_code)
    row = RetentionPeriod.objects.filter(rule_code=rule_code).order_by("-version").first()
    return row.years if row is not None else rule.years


@transaction.atomic(durable=True)
def retention_period_set(
    *, actor: object, rule_code: str, years: int, expected_version: int, reason: str
) -> RetentionPeriod:
    """Sets a rule's period: a new version is added (the old ones stay, with who set them and
    why). `expected_version` is the version the form showed (0 for the default): if someone
    changed it meanwhile, the change is refused as a conflict. The reason stays out of the
    audit event, which holds the row's id only."""
    if not _has(actor, PERM):
        raise PermissionDenied(object_type=OBJECT_TYPE)
    if retention_rules.find(rule_code) is None:
        raise PermissionDenied(object_type=OBJECT_TYPE)
    errors: dict[str, list[str]] = {}
    if not MIN_YEARS <= years <= MAX_YEARS:
        errors["years"] = [
            _("Between %(min)d and %(max)d years.") % {"min": MIN_YEARS, "max": MAX_YEARS}
        ]
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Say why the period changes.")]
    elif len(reason) > MAX_REASON or "\x00" in reason:
        errors["reason"] = [_("At most %(max)d characters.") % {"max": MAX_REASON}]
    if errors:
        raise ValidationError(fields=errors)
    current = (
        RetentionPeriod.objects.select_for_update()
        .filter(rule_code=rule_code)
        .aggregate(v=Max("version"))["v"]
        or 0
    )
    if current != expected_version:
        raise Conflict()
    try:
        with transaction.atomic():
            row = RetentionPeriod.objects.create(
                rule_code=rule_code, version=current + 1, years=years, reason=reason,
                changed_by_id=getattr(actor, "pk", None),
            )  # fmt: skip
    except IntegrityError:  # two saves of the same version at once: the second is stale
        raise Conflict() from None
    audit_record(
        action=Action.UPDATE, actor=actor, object_type=OBJECT_TYPE, object_id=row.pk,
        purpose=Purpose.DATA_PROTECTION,
    )  # fmt: skip
    return row
