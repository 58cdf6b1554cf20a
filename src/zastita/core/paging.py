"""Keyset pagination: the one way a list that grows with the years is paged.

A page is `size` rows in a fixed order that ends with the primary key (so it is total).
The links carry only a cursor, the id of the row at the page's edge (`?before=<id>` for
the next, older page, `?after=<id>` for the previous, newer one), never a value of the
row, so no personal data travels in an address. The cursor's row is read again through
the same filtered queryset: a cursor outside it (a record the reader may not see, one
gone, or one filtered out) is refused gently, with page 1 and a message. There is no
OFFSET and no COUNT(*): each page costs one indexed range read (two with a cursor),
whatever the size of the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any, Protocol

from django.contrib import messages
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

BEFORE, AFTER = "before", "after"
MAX_ID = 2**63 - 1


@dataclass
class Page[M: Model]:
    rows: list[M]
    has_next: bool = False
    has_previous: bool = False
    next_cursor: int | None = None
    previous_cursor: int | None = None
    bad_cursor: bool = False
    # The other parameters of the request (the filters), kept in the links.
    query: dict[str, list[str]] = field(default_factory=dict)

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def _link(self, key: str, cursor: int | None) -> str:
        from urllib.parse import urlencode

        params = [(k, v) for k, values in self.query.items() for v in values]
        return "?" + urlencode([*params, (key, str(cursor))])

    @property
    def next_url(self) -> str:
        return self._link(BEFORE, self.next_cursor) if self.has_next else ""

    @property
    def previous_url(self) -> str:
        return self._link(AFTER, self.previous_cursor) if self.has_previous else ""

    @property
    def first_url(self) -> str:
        from urllib.parse import urlencode

        params = [(k, v) for k, values in self.query.items() for v in values]
        return "?" + urlencode(params) if params else "?"


def id_parse(text: str | None) -> int | None:
    """A record's key as typed or sent (ASCII digits, within the column's range), or None:
    never an error for what a user can put in an address or a field."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18 or int(text) < 1:
        return None
    return int(text)


def _parse(text: str | None) -> int | None:
    if text is None:
        return None
    if not text.isdigit() or len(text) > 19 or not 1 <= int(text) <= MAX_ID:
        raise ValueError(text)
    return int(text)


def _beyond(ordering: Sequence[str], values: dict[str, Any], forward: bool) -> Q:
    """Rows after the cursor's in `ordering` (forward) or before it (backward)."""
    clauses = []
    for i, key in enumerate(ordering):
        name = key.lstrip("-")
        descending = key.startswith("-") == forward
        equal = {k.lstrip("-"): values[k.lstrip("-")] for k in ordering[:i]}
        clauses.append(Q(**equal, **{f"{name}__{'lt' if descending else 'gt'}": values[name]}))
    # The leading key's bound, said alone too, so that an index range read starts at the
    # cursor (a database does not find it inside the OR).
    first = ordering[0].lstrip("-")
    bound = Q(**{f"{first}__{'lte' if ordering[0].startswith('-') == forward else 'gte'}":
                 values[first]})  # fmt: skip
    return bound & reduce(or_, clauses)


def _reverse(ordering: Sequence[str]) -> list[str]:
    return [k[1:] if k.startswith("-") else f"-{k}" for k in ordering]


def keyset_page[M: Model](
    qs: QuerySet[M], *, ordering: Sequence[str], size: int, before: int | None = None,
    after: int | None = None,
) -> Page[M]:  # fmt: skip
    """One page of `qs` in `ordering` (whose last key is "pk" or "-pk"), after the row
    `before` (the next page) or before the row `after` (the previous page). A cursor not
    in `qs` gives page 1 with `bad_cursor` set."""
    if not ordering or ordering[-1].lstrip("-") != "pk":
        raise ValueError("the order must end with the pk")
    cursor = before if before is not None else after
    if cursor is not None:
        names = [k.lstrip("-") for k in ordering]
        found = qs.filter(pk=cursor).prefetch_related(None).values(*names).first()
        if found is None:
            page = keyset_page(qs, ordering=ordering, size=size)
            page.bad_cursor = True
            return page
        forward = before is not None
        order = list(ordering) if forward else _reverse(ordering)
        rows = list(qs.filter(_beyond(ordering, found, forward)).order_by(*order)[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        if not forward:
            rows.reverse()
        has_next, has_previous = (more, True) if forward else (True, more)
    else:
        rows = list(qs.order_by(*ordering)[: size + 1])
        has_next, has_previous = len(rows) > size, False
        rows = rows[:size]
    if not rows:
        has_next = has_previous = False
    return Page(
        rows=rows, has_next=has_next, has_previous=has_previous,
        next_cursor=rows[-1].pk if rows else None, previous_cursor=rows[0].pk if rows else None,
    )  # fmt: skip


def paginate[M: Model](
    request: HttpRequest, qs: QuerySet[M], *, ordering: Sequence[str], size: int
) -> Page[M]:
    """The page the request asks for (`?before=` or `?after=`), its links keeping the
    request's other parameters. A cursor that is not a whole number, or not in `qs`, gives
    page 1 and says so (never an error page)."""
    try:
        before, after = _parse(request.GET.get(BEFORE)), _parse(request.GET.get(AFTER))
        if before is not None and after is not None:
            raise ValueError("both")
    except ValueError:
        page = keyset_page(qs, ordering=ordering, size=size)
        page.bad_cursor = True
    else:
        page = keyset_page(qs, ordering=ordering, size=size, before=before, after=after)
    if page.bad_cursor:
        text = _("That page of the list is not there: the first page is shown.")
        messages.info(request, text, fail_silently=True)
    page.query = {k: v for k, v in request.GET.lists() if k not in (BEFORE, AFTER)}
    return page


class Pager(Protocol):
    """What a selector asks for a page with: the view's request stays in the view."""

    def __call__[M: Model](self, qs: QuerySet[M], ordering: Sequence[str]) -> Page[M]: ...


def request_pager(request: HttpRequest, size: int) -> Pager:
    """The page the request asks for (see `paginate`)."""

    def pager[M: Model](qs: QuerySet[M], ordering: Sequence[str]) -> Page[M]:
        return paginate(request, qs, ordering=ordering, size=size)

    return pager


def first_page(size: int) -> Pager:
    """Always page 1 (a caller with no request: an API, a home page's summary)."""

    def pager[M: Model](qs: QuerySet[M], ordering: Sequence[str]) -> Page[M]:
        return keyset_page(qs, ordering=ordering, size=size)

    return pager
