"""The rows of the services table on the case's page, written here, not in the template.

A case gathers services over the years, and each row holds some thirty values, conditions
and links: written as one string per row, a row costs a fraction of the template language's
rendering of it (measured by `make bench`). Every value passes through `_text` (the
standard library's HTML escaping, as the template's autoescaping); the labels are
translated once for the table; dates and amounts are formatted as the template's
`date:"SHORT_DATE_FORMAT"`, `floatformat:"2g"` and `floatformat:"-2"` format them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from html import escape

from django.utils.dateformat import format as date_format
from django.utils.formats import get_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zastita.cases.engagements.selectors import ServiceRow
from zastita.cases.models.engagement import Decision


def _text(value: object) -> str:
    return escape(str(value), quote=True)


def _amount(value: Decimal) -> str:
    """As `floatformat:"2g"`: two decimals, grouped."""
    return number_format(value, 2, force_grouping=True)


def _quantity(value: Decimal) -> str:
    """As `floatformat:"-2"`: no decimals for a whole number, else two."""
    return number_format(value, 0 if value == value.to_integral_value() else 2)


def service_table_rows(rows: Iterable[ServiceRow], *, can_decide: bool,
                       can_work: bool) -> SafeString:  # fmt: skip
    """The `<tr>` of each service: what it is, who provides it, its dates, its cost, and
    where it stands, with the links the actor may follow (decide, write, end)."""
    # Written out, so that `makemessages` finds each label.
    service, provider, dates, cost, status, ended, decide, end = (
        _text(label) for label in (_("Service"), _("Provider"), _("Dates"), _("Cost (RSD)"),
                                   _("Status"), _("ended"), _("Decide"), _("End the service"))
    )  # fmt: skip
    day_format = get_format("SHORT_DATE_FORMAT")

    def day(value: datetime.date) -> str:
        return date_format(value, day_format)

    out = []
    for e in rows:
        quantity = (f"<br><small>{_quantity(e.units)} {_text(e.unit_label)}</small>"
                    if e.units else "")  # fmt: skip
        days = day(e.requested_on)
        if e.started_on:
            days += " · " + day(e.started_on)
        if e.ended_on:
            days += " – " + day(e.ended_on)
        paid = _text(e.funding_label + (f": {e.funding_source}" if e.funding_source else ""))
        if e.ended_on:
            state = ended + (f"<br><small>{_text(e.outcome)}</small>" if e.outcome else "")
        else:
            state = _text(e.decision_label)
        if e.reasons:
            state += f"<br><small>{_text(e.reasons)}</small>"
        if can_decide and e.decision == Decision.PENDING:
            state += f'<br><a href="{_text(e.decide_url)}">{decide}</a>'
        for url, label in e.papers:
            state += f'<br><a href="{_text(url)}">{_text(label)}</a>'
        if can_work and e.is_open and e.decision != Decision.PENDING:
            state += f'<br><a href="{_text(e.end_url)}">{end}</a>'
        out.append(
            f'<tr id="service-{int(e.pk)}">'
            f'<td data-label="{service}">{_text(e.kind_label)}{quantity}</td>'
            f'<td data-label="{provider}">{_text(e.provider or "—")}</td>'
            f'<td data-label="{dates}">{_text(days)}</td>'
            f'<td data-label="{cost}">{_amount(e.cost)}<br><small>{paid}</small></td>'
            f'<td data-label="{status}">{state}</td></tr>'
        )
    # Every value above went through `_text`, or is a number or a date formatted here.
    return mark_safe("\n".join(out))  # noqa: S308
