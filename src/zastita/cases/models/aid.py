"""Aid in kind: the stock the Center receives from donors (a food bank, a clothes drive),
the basis of the donors' reports beside what was given, which is recorded as a service of
its kind on the person's case (an aid package, clothes and shoes, books) with the donor as
its provider. A receipt says nothing about a person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zastita.cases.models.engagement import EngagementKind
from zastita.core.models import BaseModel

# What is given in kind, as the services of those kinds record it.
AID_KINDS = (EngagementKind.AID_PACKAGE, EngagementKind.CLOTHES, EngagementKind.BOOKS)


class StockReceipt(BaseModel):
    donor = models.ForeignKey(
        "partners.Provider", on_delete=models.PROTECT, related_name="+", verbose_name=_("donor")
    )
    kind = models.CharField(
        _("what"), max_length=16, choices=[(k.value, k.label) for k in AID_KINDS]
    )
    received_on = models.DateField(_("received on"))
    quantity = models.DecimalField(_("quantity (items)"), max_digits=10, decimal_places=2)
    value = models.DecimalField(_("value (RSD)"), max_digits=12, decimal_places=2, default=0)
    # What arrived, in the donor's words (e.g. "100 food packages"): never about a person.
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("stock received from a donor")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0),
                                   name="cases_stock_quantity_positive"),
            models.CheckConstraint(condition=models.Q(value__gte=0),
                                   name="cases_stock_value_not_negative"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"stock {self.pk}"
