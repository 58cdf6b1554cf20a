"""The engine's codes (outcomes, dimension statuses, flags) in the user's language; the codes
themselves stay in the stored results and the JSON."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import template
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zastita.identification.indicators.engine import IndicatorSet, rules_in_use
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


def _dimension_name(dimension: str) -> str:
    book, _digest = rules_in_use()
    name = book.dimensions.get(dimension)
    return localise(name).lower() if name else dimension


def _indicator_texts(ids: Iterable[str], indicator_set: IndicatorSet | None) -> str:
    known = indicator_set.by_id() if indicator_set is not None else {}
    return "; ".join(localise(known[i].text) if i in known else i for i in ids)


@register.filter
def rule_in_words(expression: str) -> str:
    """A decision rule ("(DR or CR) and EX", "act_present and EX") read out in words:
    the dimensions by name, "and"/"or" in the user's language, the child's act in words."""
    words = {
        "and": gettext("and"),
        "or": gettext("or"),
        "act_present": gettext("the act (recruitment, transport, transfer, harbouring or receipt)"),
    }
    parts = []
    for token in re.findall(r"\(|\)|[A-Za-z_]+", expression):
        if token in "()":
            parts.append(token)
        else:
            parts.append(words.get(token) or _dimension_name(token))
    return " ".join(parts).replace("( ", "(").replace(" )", ")")


@register.filter
def indicator_texts(ids: Iterable[str], indicator_set: IndicatorSet | None = None) -> str:
    """Indicators named by their text in the user's language, not by their ids."""
    return _indicator_texts(ids or (), indicator_set)


@register.filter
def missing_in_words(item: str, indicator_set: IndicatorSet | None = None) -> str:
    """What could still turn the outcome, as the engine lists it ("DR: AL.DR.01, AL.DR.02"),
    with the dimension and the indicators named in words."""
    if item in LABELS:
        return str(LABELS[item])
    dimension, _sep, ids = item.partition(": ")
    if not ids:
        return item
    texts = _indicator_texts([i.strip() for i in ids.split(",")], indicator_set)
    return f"{_dimension_name(dimension)}: {texts}"
