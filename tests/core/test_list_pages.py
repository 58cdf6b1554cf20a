"""The list pages that grow with the years: the number of queries per page does not grow
with the rows (a few rows against many), and their keyset pages go forward and back, with
only an id in the links; a bad cursor gives page 1 and a message, never an error."""

from __future__ import annotations

import re

import pytest
from benchmarks import lists
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..conftest import sign_in

# Every list page, the role that reads it, and its rows in the context.
PAGES = [
    ("/reports/", "worker", "reports"),
    ("/identification/?state=open", "worker", "identifications"),
    ("/identification/?state=decided", "worker", "identifications"),
    ("/audit/access-log/", "dpo", None),
    ("/duty/", "worker", None),
    ("/duty/?all=1", "worker", None),
    ("/documents/", "worker", "documents"),
    ("/notifications/state/?since=0", "worker", None),
    ("/notifications/", "worker", "rows"),
]
# The page, its reader, and enough reports for more than two pages of it.
PAGED = [
    ("/reports/", "worker", 120),
    ("/identification/?state=decided", "worker", 250),
    ("/audit/access-log/", "dpo", 12),
    ("/duty/?all=1", "worker", 1100),
    ("/documents/", "worker", 220),
    ("/notifications/", "worker", 200),  # seven notifications a report, one in ten the worker's
]
# Small: a few rows of each; large: more than two pages of each (a page is 50 rows).
SMALL, LARGE = 12, 1200


@pytest.fixture
def staff(make_user):
    return {"worker": make_user("worker"), "dpo": make_user("dpo"),
            "head": make_user("head_of_service")}  # fmt: skip


def _seed(staff, start: int, stop: int) -> None:
    from zastita.accounts.models import Team
    from zastita.identification.models import Identification
    from zastita.intake.models import Report

    people = [staff["worker"], staff["head"]]
    lists.seed(start, stop, staff=people, worker=staff["worker"])
    # The worker's team holds every seeded record: their lists are the whole set, through
    # the need-to-know scope (its subqueries are in the counts).
    team, _ = Team.objects.get_or_create(name="Тим за листе")
    team.members.add(staff["worker"])
    Report.objects.update(team=team)
    Identification.objects.update(team=team)


def _queries(client, url: str) -> int:
    client.get(url)  # the session and the caches settle first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(("url", "role", "rows"), PAGES)
def test_queries_per_page_do_not_grow_with_the_rows(client, staff, url, role, rows):
    sign_in(client, staff[role])
    _seed(staff, 0, SMALL)
    few = _queries(client, url)
    _seed(staff, SMALL, LARGE)
    many = _queries(client, url)
    assert many == few, (url, few, many)
    if rows:
        assert len(client.get(url).context[rows]) == 50


def _pages(client, url: str) -> tuple[list[int], str]:
    response = client.get(url)
    page = response.context["page"]
    return [row.pk for row in page.rows], page.next_url


@pytest.mark.parametrize(("url", "role", "reports"), PAGED)
def test_pages_go_back_and_forth_with_only_an_id_in_the_links(client, staff, url, role, reports):
    sign_in(client, staff[role])
    _seed(staff, 0, reports)
    path = url.split("?")[0]
    first = client.get(url).context["page"]
    assert first.has_next
    assert not first.has_previous
    second = client.get(path + first.next_url).context["page"]
    assert second.has_previous
    assert not set(first.rows) & set(second.rows)
    assert len(second.rows) == len(first.rows) == 50
    back = client.get(path + second.previous_url).context["page"]
    assert [r.pk for r in back.rows] == [r.pk for r in first.rows]
    # Only the filters and a cursor (an id) travel in the address.
    assert re.fullmatch(r"\?((state=\w+|all=1)&)?before=\d+", first.next_url)
    assert re.fullmatch(r"\?((state=\w+|all=1)&)?after=\d+", second.previous_url)
    # To the end and back: every row once.
    seen, page = [r.pk for r in first.rows], first
    while page.has_next:
        page = client.get(path + page.next_url).context["page"]
        seen += [r.pk for r in page.rows]
    assert len(seen) == len(set(seen))
    assert not page.has_next


@pytest.mark.parametrize(("url", "role", "reports"), PAGED)
@pytest.mark.parametrize("cursor", ["before=abc", "after=-3", "before=99999999", "before=1&after=2",
                                    "before=" + "9" * 30])  # fmt: skip
def test_a_bad_cursor_gives_the_first_page_and_says_so(client, staff, url, role, reports, cursor):
    sign_in(client, staff[role])
    _seed(staff, 0, reports)
    first = [r.pk for r in client.get(url).context["page"].rows]
    sep = "&" if "?" in url else "?"
    response = client.get(url + sep + cursor)
    assert response.status_code == 200
    assert [r.pk for r in response.context["page"].rows] == first
    assert response.context["page"].bad_cursor
    assert "приказана је прва страница" in response.content.decode()


def test_a_cursor_outside_the_filter_is_refused(client, staff):
    """A decided identification's id does not page the list of those under way."""
    from zastita.identification.models import Identification, IdentificationStatus

    sign_in(client, staff["worker"])
    _seed(staff, 0, 80)
    decided = Identification.objects.filter(status=IdentificationStatus.DECIDED).first()
    assert decided is not None
    response = client.get(f"/identification/?state=open&before={decided.pk}")
    assert response.status_code == 200
    assert response.context["page"].bad_cursor


def test_the_duty_board_shows_a_bounded_number_and_the_rest_on_request(client, staff):
    from zastita.intake.selectors import BOARD_LIMIT

    sign_in(client, staff["worker"])
    _seed(staff, 0, 1200)  # 120 running clocks, a third or so past their time
    response = client.get("/duty/")
    board = response.context["board"]
    assert len(board.breached) == BOARD_LIMIT
    assert board.breached_more
    assert len(board.soonest) == BOARD_LIMIT
    assert all(c.due_at <= response.context["now"] for c in board.breached)
    assert [c.due_at for c in board.soonest] == sorted(c.due_at for c in board.soonest)
    assert board.unassigned
    assert all(r.assigned_to_id is None for r in board.unassigned)
    assert board.all_running is None
    html = response.content.decode()
    assert html.count('class="clock') == 2 * BOARD_LIMIT
    assert "?all=1" in html
    every = client.get("/duty/?all=1").context["board"].all_running
    assert every is not None
    assert len(every.rows) == 50
    assert every.has_next


def test_who_is_on_duty_is_read_once_per_page(client, staff, monkeypatch):
    from zastita.intake import roster

    calls = []
    real = roster.on_duty

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(roster, "on_duty", counted)
    sign_in(client, staff["worker"])
    assert client.get("/duty/").status_code == 200
    assert len(calls) == 1
    calls.clear()
    assert client.get("/reports/").status_code == 200
    assert len(calls) == 1


def test_the_unread_count_is_the_unread_in_app(client, staff):
    from zastita.notifications.public import Notification, unread_count

    _seed(staff, 0, 600)
    worker = staff["worker"]
    expected = Notification.objects.filter(
        recipient=worker, channel="in_app", read_at__isnull=True
    ).count()
    assert expected
    assert unread_count(user_id=worker.pk) == expected
    sign_in(client, worker)
    state = client.get("/notifications/state/?since=0").json()
    assert state["unread"] == expected
    latest = Notification.objects.filter(recipient=worker).order_by("-created_at", "-pk").first()
    assert latest is not None
    assert state["latest"] == latest.pk
