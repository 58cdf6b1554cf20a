"""Destructive steps (reject, discontinue, close) look apart from the main action, are never
a form's first button, say what will happen, and are confirmed in a dialog app.js opens."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.utils import translation
from django.utils.translation import gettext

from zastita.intake.models import Status
from zastita.intake.services import report_transition
from zastita.intake.workflow import TRANSITIONS

from ..conftest import sign_in


class _Forms(HTMLParser):
    """Each form of the page: its attributes and its buttons' (attributes, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self.dialogs: dict[str, dict[str, str]] = {}
        self._form: dict[str, Any] | None = None
        self._button: dict[str, str] | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {"attrs": a, "buttons": []}
            self.forms.append(self._form)
        elif tag == "button":
            self._button, self._text = a, ""
        elif tag == "dialog":
            self.dialogs[a.get("id", "")] = a

    def handle_data(self, data):
        if self._button is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "button" and self._button is not None:
            if self._form is not None and self._button.get("type") == "submit":
                self._form["buttons"].append((self._button, self._text.strip()))
            self._button = None
        elif tag == "form":
            self._form = None


def _steps(html: str) -> list[dict[str, Any]]:
    page = _Forms()
    page.feed(html)
    page.close()
    return [f for f in page.forms if "/transition/" in f["attrs"]["action"]]


def test_only_the_steps_that_end_a_report_are_destructive():
    destructive = {t.to for steps in TRANSITIONS.values() for t in steps if t.destructive}
    assert destructive == {Status.REJECTED, Status.DISCONTINUED, Status.CLOSED}
    for steps in TRANSITIONS.values():
        # The main action comes first; a destructive step is never the first offered
        # unless every step there is destructive.
        if any(not t.destructive for t in steps):
            assert not steps[0].destructive


def test_reject_and_discontinue_look_apart_and_ask_to_confirm(client, worker_user, make_report):
    report = make_report()
    report = report_transition(actor=worker_user, report=report, to=Status.REGISTERED)
    sign_in(client, worker_user)
    response = client.get(f"/reports/{report.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    steps = _steps(html)
    by_label = {form["attrs"]["aria-label"]: form for form in steps}
    with translation.override("sr"):
        reject, discontinue, accept = (
            gettext("Reject"),
            gettext("Discontinue"),
            gettext("Accept for identification"),
        )
        rejected_consequence = gettext(
            "The report will be rejected: its decision clock stops and it can then only be "
            "closed. This cannot be undone."
        )
    # The main action is the first step, and looks like one.
    first = steps[0]
    assert first["attrs"]["aria-label"] == accept
    assert "button-danger" not in first["buttons"][0][0].get("class", "")
    for label in (reject, discontinue):
        form = by_label[label]
        attrs = form["attrs"]
        ((button, text),) = form["buttons"]
        assert "button-danger" in button["class"]
        assert text == label
        dialog_id = attrs["data-confirm"]
        assert f'<dialog id="{dialog_id}"' in html
        # No script in the page itself (strict CSP): app.js drives the dialog.
        assert "onclick" not in html
        assert "onsubmit" not in html
    assert rejected_consequence in html
    # The dialog's "no" has the focus: going back is the default.
    assert "data-confirm-no autofocus" in html


def test_close_is_destructive_too(client, worker_user, make_report):
    report = make_report()
    for to in (Status.REGISTERED, Status.REJECTED):
        reason = "Пријава није основана." if to == Status.REJECTED else ""
        report = report_transition(actor=worker_user, report=report, to=to, reason=reason)
    sign_in(client, worker_user)
    html = client.get(f"/reports/{report.pk}/").content.decode()
    (close,) = _steps(html)
    assert "data-confirm" in close["attrs"]
    assert "button-danger" in close["buttons"][0][0]["class"]


def test_a_confirmed_rejection_is_taken_as_before(client, worker_user, make_report):
    report = make_report()
    report = report_transition(actor=worker_user, report=report, to=Status.REGISTERED)
    sign_in(client, worker_user)
    response = client.post(f"/reports/{report.pk}/transition/", {
        "to": "rejected", "version": report.version, "reason": "Пријава није основана.",
    })  # fmt: skip
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.REJECTED


def test_a_rejection_without_a_reason_is_refused_and_the_page_still_asks(
    client, worker_user, make_report
):
    report = make_report()
    report = report_transition(actor=worker_user, report=report, to=Status.REGISTERED)
    sign_in(client, worker_user)
    response = client.post(f"/reports/{report.pk}/transition/", {
        "to": "rejected", "version": report.version, "reason": "",
    })  # fmt: skip
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == Status.REGISTERED
    assert 'data-confirm="confirm-rejected"' in response.content.decode()


def test_the_steps_are_not_found_for_who_may_not_see_the_report(client, make_user, make_report):
    report = make_report()
    sign_in(client, make_user("analyst"))
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    response = client.post(f"/reports/{report.pk}/transition/", {"to": "discontinued"})
    assert response.status_code == 404
