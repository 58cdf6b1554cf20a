"""The stock of aid in kind per donor and kind (received, given, left), and the donors'
report of a year: what each donor gave the Center and what of it reached how many people.
Amounts and counts only: the cases behind them are not named."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, ExtractYear

from zastita.accounts.models import User
from zastita.cases.figures.selectors import FIGURES_PERMISSION
from zastita.cases.models import AID_KINDS, Decision, Engagement, EngagementKind, StockReceipt
from zastita.core.errors import PermissionDenied
from zastita.partners.models import Provider

RECENT = 50


@dataclass
class StockRow:
    donor: str
    kind: str
    received: Decimal
    given: Decimal
    people: int  # distinct cases it was given to

    @property
    def left(self) -> Decimal:
        return self.received - self.given


@dataclass
class Stock:
    year: int | None
    rows: list[StockRow]
    value: Decimal  # of what was received in the year (or ever)
    recent: list[StockReceipt]


def _given() -> object:
    return (
        Engagement.objects.filter(kind__in=AID_KINDS, provider__isnull=False)
        .exclude(decision__in=[Decision.REFUSED, Decision.PENDING])
        .annotate(year=ExtractYear(Coalesce("started_on", "requested_on")))
    )


def stock(*, actor: User, year: int | None) -> Stock:
    """Per donor and kind: received and given in the year (or ever), and how many cases
    it reached."""
    if not actor.has_perm(FIGURES_PERMISSION):
        raise PermissionDenied(object_type="stock")
    receipts = StockReceipt.objects.all()
    given = _given()
    if year is not None:
        receipts = receipts.filter(received_on__year=year)
        given = given.filter(year=year)  # type: ignore[attr-defined]
    labels = dict(EngagementKind.choices)
    table: dict[tuple[int, str], StockRow] = {}
    orgs = {p.pk: p.name for p in Provider.objects.select_related("organisation")}
    for row in receipts.values("donor_id", "kind").annotate(q=Sum("quantity")):
        table[(row["donor_id"], row["kind"])] = StockRow(
            orgs.get(row["donor_id"], ""),
            str(labels[row["kind"]]), row["q"], Decimal(0), 0,
        )  # fmt: skip
    for row in given.values("provider_id", "kind").annotate(  # type: ignore[attr-defined]
        q=Sum("units"), n=Count("case_id", distinct=True)
    ):
        key = (row["provider_id"], row["kind"])
        if key not in table:
            table[key] = StockRow(orgs.get(row["provider_id"], ""), str(labels[row["kind"]]),
                                  Decimal(0), Decimal(0), 0)  # fmt: skip
        table[key].given = row["q"] or Decimal(0)
        table[key].people = row["n"]
    value = receipts.aggregate(v=Sum("value"))["v"] or Decimal(0)
    recent = list(receipts.select_related("donor__organisation", "created_by")[:RECENT])
    rows = sorted(table.values(), key=lambda r: (r.donor, r.kind))
    return Stock(year=year, rows=rows, value=value, recent=recent)
