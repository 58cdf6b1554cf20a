"""Which indicator sets fit a report: by the suspected forms of exploitation (HTCDS codes
of the report) and the person's age. The child rule applies below 18 and when the age is
unknown, so an unknown age suggests the children's sets."""

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


def suggested_sets(book: RuleBook, exploitation: list[str], age: int | None) -> list[str]:
    categories = {c for code in exploitation for c in CATEGORIES.get(code, ())}
    group = "adult" if age is not None and age >= 18 else "child"
    return sorted(
        s.id for s in book.sets.values() if s.exploitation in categories and s.age_group == group
    )
