"""axe-core (WCAG 2.1 AA) finds 0 violations on the documents pages, in every language:
the register, the search (with an error), a document's page (the correction form open, with
an error), a cancelled one, and the templates (a refused version)."""

from __future__ import annotations

import pytest

from zastita.documents.public import document_correct, document_issue

from ..documents.conftest import TOY, toy_type  # noqa: F401 (fixture)
from .test_accessibility import check, sign_in_browser_any

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("locale", ["sr", "sr-latn", "en"])
def test_documents_pages_pass_axe(page_factory, live_server, make_user, toy_type, locale):  # noqa: F811
    base = live_server.url
    worker = make_user("worker", username="worker.docs")
    head = make_user("head_of_service", username="head.docs")
    first = document_issue(actor=worker, type_code=TOY.code, subject_id=5, step_key="a")
    old = document_issue(actor=worker, type_code=TOY.code, subject_id=6, step_key="b")
    document_correct(actor=head, document=old, reason="Погрешно стање играчке.")

    page = page_factory(strict=False)
    page.context.add_cookies([{"name": "zastita_language", "value": locale, "url": base}])
    sign_in_browser_any(page, base, head)

    def visit(url: str, label: str) -> None:
        page.goto(base + url)
        check(page, f"{label} ({locale})")

    visit("/documents/", "register")
    visit("/documents/?year=abc", "register with a bad filter")
    visit("/documents/search/", "search")
    visit("/documents/search/?registry_number=x", "search with an error")
    visit(f"/documents/{old.pk}/", "cancelled document")
    visit(f"/documents/{first.pk}/", "document")
    page.locator("details.add > summary").click()
    check(page, f"correction form open ({locale})")
    # Correcting cancels the document: a dialog asks first, saying what will happen.
    page.locator("form[action$='/correct/'] button").click()
    dialog = page.locator("dialog#confirm-correct")
    dialog.wait_for(state="visible")
    check(page, f"correction confirmation ({locale})")
    dialog.locator("[data-confirm-yes]").click()
    page.wait_for_load_state()
    page.locator(".form-errors").wait_for()
    check(page, f"correction with an error ({locale})")
    visit("/documents/templates/", "templates")
    visit(f"/documents/templates/{TOY.code}/", "template")
    page.locator("textarea").fill("<p>\n{% if toy_name %}")
    page.locator("form:has(textarea) button").click()
    page.wait_for_load_state()
    assert page.locator(".form-errors").count() == 1
    check(page, f"template refused ({locale})")
