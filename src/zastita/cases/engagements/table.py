"""The rows of the services table on the case's page, written here, not in the template.

A case gathers services over the years, and each row holds some thirty values, conditions
and links: written with `format_html`, a row costs a fraction of the template language's
rendering of it (measured by `make bench`). Every value is escaped by `format_html`; the
labels are translated once for the table; dates and amounts are formatted as the
template's `date:"SHORT_DATE_FORMAT"` and `floatformat` filters format them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from zastita.cases.engagements.selectors import ServiceRow
from zastita.cases.models.engagement import Decision


def _joined(separator: str, parts: list[SafeString]) -> SafeString:
    """Parts already escaped (each from `format_html`), joined as they are."""
    return format_html_join(separator, "{}", ((part,) for part in parts))


def _day(value: datetime.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def service_table_rows(rows: Iterable[ServiceRow], *, can_decide: bool,
                       can_work: bool) -> SafeString:  # fmt: skip
    """The `<tr>` of each service: what it is, who provides it, its dates, its cost, and
    where it stands, with the links the actor may follow (decide, write, end)."""
    service, provider, dates, cost, status = (
        _("Service"), _("Provider"), _("Dates"), _("Cost (RSD)"), _("Status")
    )  # fmt: skip
    ended, decide, end = _("ended"), _("Decide"), _("End the service")
    out = []
    for e in rows:
        quantity = (
            format_html("<br><small>{} {}</small>", floatformat(e.units, "-2"), e.unit_label)
            if e.units else ""
        )  # fmt: skip
        days = _day(e.requested_on)
        if e.started_on:
            days += " · " + _day(e.started_on)
        if e.ended_on:
            days += " – " + _day(e.ended_on)
        paid = e.funding_label + (f": {e.funding_source}" if e.funding_source else "")
        state = (
            format_html("{}{}", ended, format_html("<br><small>{}</small>", e.outcome)
                        if e.outcome else "")
            if e.ended_on else format_html("{}", e.decision_label)
        )  # fmt: skip
        links = []
        if e.reasons:
            links.append(format_html("<br><small>{}</small>", e.reasons))
        if can_decide and e.decision == Decision.PENDING:
            links.append(format_html('<br><a href="{}">{}</a>', e.decide_url, decide))
        links.append(format_html_join("", '<br><a href="{}">{}</a>', e.papers))
        if can_work and e.is_open and e.decision != Decision.PENDING:
            links.append(format_html('<br><a href="{}">{}</a>', e.end_url, end))
        out.append(format_html(
            '<tr id="service-{}"><td data-label="{}">{}{}</td><td data-label="{}">{}</td>'
            '<td data-label="{}">{}</td><td data-label="{}">{}<br><small>{}</small></td>'
            '<td data-label="{}">{}{}</td></tr>',
            e.pk, service, e.kind_label, quantity, provider, e.provider or "—",
            dates, days, cost, floatformat(e.cost, "2g"), paid,
            status, state, _joined("", links),
        ))  # fmt: skip
    return _joined("\n", out)
