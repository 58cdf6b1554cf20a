"""The sums of what protection costs, kept by the services' writes so that the cost page
reads a few hundred rows instead of every service: per year, kind and funding for the
Center, and per case and year (year 0: every year) for the costliest cases. They are derived
data: `cases.engagements.sums.rebuild` recomputes them from the services at any time."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.cases.models.case import Case

EVERY_YEAR = 0


class CostCell(models.Model):
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=24)
    funding = models.CharField(max_length=12)
    total = models.DecimalField(max_digits=16, decimal_places=2, default=Decimal(0))
    services = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "kind", "funding"], name="cases_cost_cell"),
        ]
        verbose_name = _("costs of a year, kind and funding")

    def __str__(self) -> str:
        return f"{self.year} {self.kind} {self.funding}"


class CaseCost(models.Model):
    """One case's services counted in one year (or, with year 0, in every year), and the
    same per kind and funding in `cells` ({"kind|funding": [total, services]}) so that a
    change of the case adjusts the Center's sums by its difference."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    total = models.DecimalField(max_digits=16, decimal_places=2, default=Decimal(0))
    services = models.PositiveIntegerField(default=0)
    cells = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "year"], name="cases_case_cost_year"),
        ]
        verbose_name = _("costs of a case in a year")
        indexes = [models.Index(fields=["year", "-total", "case"], name="cases_costliest")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.year}"
