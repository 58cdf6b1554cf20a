"""Which indicator sets fit a report: by the suspected forms of exploitation (HTCDS codes
of the report) and whether the person may be a child. The child rule applies below 18 and
when the age is unknown or disputed, so any doubt suggests the children's sets."""

from __future__ import annotations

from zastita.identification.indicators.engine import RuleBook

# The sets' `exploitation` categories for each HTCDS form (begging, criminality and
# servitude are forced labour or services in the ILO's sense).
CATEGORIES: dict[str, tuple[str, ...]] = {
    "SexualExploitation": ("sexual",),
    "ForcedLabour": ("labour",),
    "ForcedBegging": ("labour",),
    "ForcedCriminality": ("labour",),
    "ChildLabour": ("labour",),
    "Servitude": ("labour",),
    "ForcedMarriage": ("labour", "sexual"),
    "Other": ("labour", "sexual"),
    "Unknown": ("labour", "sexual"),
}


def may_be_child(age: int | None, *, disputed: bool = False) -> bool:
    """Under 18, of unknown or disputed age, or 18 by the birth year alone (the birthday may
    not have come yet)."""
    return disputed or age is None or age <= 18


def suggested_sets(book: RuleBook, exploitation: list[str], child: bool) -> list[str]:
    categories = {c for code in exploitation for c in CATEGORIES.get(code, ())}
    group = "child" if child else "adult"
    return sorted(
        s.id for s in book.sets.values() if s.exploitation in categories and s.age_group == group
    )
