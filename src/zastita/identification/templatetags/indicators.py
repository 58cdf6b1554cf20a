"""The engine's codes (outcomes, dimension statuses, flags) in the user's language; the codes
themselves stay in the stored results and the JSON."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from zastita.identification.indicators.translation import localise

register = template.Library()

LABELS = {
    "VICTIM": _("the rule holds with the answers given"),
    "INSUFFICIENT_INFORMATION": _("not enough information: unknown answers could decide"),
    "NOT_ESTABLISHED": _("not established, even if every unknown were present"),
    "positive": _("positive"),
    "negative": _("negative"),
    "undetermined": _("undetermined"),
    "UNVERIFIED_SET": _("the set is not verified against the ILO text"),
    "NOT_FOR_PRODUCTION": _("the set is a draft not to be used in production"),
    "UNVERIFIED_RULES": _("the decision rules are not verified against the ILO text"),
    "PRESUMED_MINOR": _("age unknown or disputed: treated as a child"),
    "SET_FOR_OTHER_AGE_GROUP": _("the set is meant for another age group"),
    "REVIEW_RULE_DIVERGENCE": _("a variant of the rule gives another result: the panel decides"),
    "adult": _("adults"),
    "child": _("children"),
    # What is still missing, as the engine words it for the act of a child's trafficking.
    "act_present: recruitment, transport, transfer, harbouring or receipt": _(
        "the act: recruitment, transport, transfer, harbouring or receipt"
    ),
}


@register.filter
def indicator_label(code: str) -> str:
    return str(LABELS.get(code, code))


@register.filter
def indicator_text(text: str) -> str:
    """A set's name, a dimension's name or an indicator's text, in the user's language."""
    return localise(text)
