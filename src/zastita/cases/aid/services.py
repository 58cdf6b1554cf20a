"""Recording stock received from a donor: the head of service, audited in the transaction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zastita.accounts.models import User
from zastita.audit.models import Action, Purpose
from zastita.audit.services import audit_record
from zastita.cases.models import AID_KINDS, StockReceipt
from zastita.core.errors import PermissionDenied, ValidationError
from zastita.partners.models import Provider, ProviderKind

STOCK_PERMISSION = "cases.stock"
# Who gives in kind: donors, and NGOs that pass on what they collect.
DONOR_KINDS = (ProviderKind.DONOR, ProviderKind.NGO)


@dataclass(frozen=True)
class ReceiptInput:
    donor: Provider | None
    kind: str
    received_on: datetime.date | None
    quantity: Decimal | None
    value: Decimal | None
    description: str = ""


@transaction.atomic(durable=True)
def stock_receive(*, actor: User, data: ReceiptInput) -> StockReceipt:
    if not actor.has_perm(STOCK_PERMISSION):
        raise PermissionDenied(object_type="stock")
    errors: dict[str, list[str]] = {}
    if data.donor is None or data.donor.kind not in DONOR_KINDS or not data.donor.is_active:
        errors["donor"] = [_("Choose the donor from the register of providers.")]
    if data.kind not in [k.value for k in AID_KINDS]:
        errors["kind"] = [_("Choose what was received from the list.")]
    if data.received_on is None or data.received_on > timezone.localdate():
        errors["received_on"] = [_("Give the day it was received, not later than today.")]
    if data.quantity is None or data.quantity <= 0:
        errors["quantity"] = [_("Give how many items were received.")]
    ceiling = Decimal(getattr(settings, "ZASTITA_ENGAGEMENT_COST_CEILING", 2_000_000))
    if data.value is None or data.value < 0 or data.value > ceiling:
        errors["value"] = [_("Give the value in dinars, from 0 to %(ceiling)s.")
                           % {"ceiling": f"{ceiling:,.0f}".replace(",", ".")}]  # fmt: skip
    if (
        errors
        or data.donor is None
        or data.received_on is None
        or data.quantity is None
        or data.value is None
    ):
        raise ValidationError(fields=errors)
    receipt = StockReceipt.objects.create(
        donor=data.donor, kind=data.kind, received_on=data.received_on, quantity=data.quantity,
        value=data.value, description=data.description.strip(), created_by=actor,
    )  # fmt: skip
    audit_record(action=Action.CREATE, actor=actor, object_type="stock_receipt",
                 object_id=receipt.pk, purpose=Purpose.ADMINISTRATION)  # fmt: skip
    return receipt
