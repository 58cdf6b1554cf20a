"""The long lists in a browser: the duty board's bounded sections and every running clock,
and a list paged back and forth by its links, pass axe (WCAG 2.1 AA) in every language."""

from __future__ import annotations

import pytest
from benchmarks import lists

from .test_accessibility import check, sign_in_browser_any


@pytest.mark.parametrize("locale", ["sr", "sr-latn", "en"])
def test_long_lists_and_their_pages_pass_axe(page_factory, live_server, make_user, locale):
    base = live_server.url
    worker, dpo = make_user("worker"), make_user("dpo")
    lists.seed(0, 600, staff=[worker, make_user("head_of_service")], worker=worker)
    page = page_factory(strict=False)
    page.context.add_cookies([{"name": "zastita_language", "value": locale, "url": base}])
    sign_in_browser_any(page, base, worker)
    for url in ["/duty/", "/duty/?all=1", "/reports/", "/identification/?state=decided",
                "/documents/"]:  # fmt: skip
        page.goto(base + url)
        check(page, f"{url} ({locale})")
        older = page.locator("nav.pager a[rel=next]")
        if older.count():
            older.click()
            page.wait_for_load_state()
            check(page, f"{url}, the next page ({locale})")
            assert page.locator("nav.pager a[rel=prev]").count() == 1
    # The duty board offers the rest; a bad cursor shows page 1 with a message.
    page.goto(base + "/duty/")
    assert page.locator("a[href='?all=1']").count() >= 1
    page.goto(base + "/reports/?before=abc")
    assert page.locator(".messages").count() == 1
    check(page, f"a bad cursor ({locale})")
    other = page_factory(strict=False)
    other.context.add_cookies([{"name": "zastita_language", "value": locale, "url": base}])
    sign_in_browser_any(other, base, dpo)
    other.goto(base + "/audit/access-log/")
    other.locator("nav.pager a[rel=next]").click()
    other.wait_for_load_state()
    check(other, f"the access log's next page ({locale})")
