"""Break-the-glass: a worker opens a record outside their scope with a stated reason. The
reason is kept encrypted, the opening is a disclosure in the audit trail, the head of service
is told and sees it on a page, the grant lasts the session; bad input keeps what was typed."""

from __future__ import annotations

import pytest

from zastita.assignments.models import GlassAccess
from zastita.audit.models import Action, Purpose
from zastita.intake.services import report_create
from zastita.notifications.models import Notification

from ..conftest import events, normalise, sign_in
from ..intake.conftest import report_input

pytestmark = pytest.mark.django_db
MISSING = 999999
REASON = "Дежурство: особа је поново звала ноћас"


@pytest.fixture
def hidden(make_user):
    """A report another worker received."""
    return report_create(actor=make_user("worker", username="other1"), data=report_input())


def _open(client, report_id, **data):
    posted = {"id": report_id, "reason": "urgent_duty", "explanation": REASON, **data}
    return client.post(f"/assignments/open/report/?id={report_id}", posted)


def test_a_worker_opens_a_report_outside_their_work_with_a_reason(client, make_user, head, hidden):
    worker = make_user("worker")
    sign_in(client, worker)
    refused = client.get(f"/reports/{hidden.pk}/")
    missing = client.get(f"/reports/{MISSING}/")
    assert refused.status_code == missing.status_code == 404
    shown = normalise(refused.content).replace(f"/reports/{hidden.pk}/", "/reports/ID/")
    absent = normalise(missing.content).replace(f"/reports/{MISSING}/", "/reports/ID/")
    assert shown.replace(f"id={hidden.pk}", "id=ID") == absent.replace(f"id={MISSING}", "id=ID")
    assert f"/assignments/open/report/?id={hidden.pk}" in refused.content.decode()
    form = client.get(f"/assignments/open/report/?id={hidden.pk}")
    assert form.status_code == 200
    assert hidden.number not in form.content.decode()  # nothing shown before the reason
    opened = _open(client, hidden.pk)
    assert opened.status_code == 302
    assert opened["Location"] == f"/reports/{hidden.pk}/"
    assert client.get(f"/reports/{hidden.pk}/").status_code == 200  # for the session
    row = GlassAccess.objects.get()
    assert (row.actor, row.subject_type, row.subject_id) == (worker, "report", hidden.pk)
    assert REASON not in row.explanation  # encrypted at rest
    disclosed = events(actor=worker, action=Action.DISCLOSE)
    assert [(e.object_type, e.object_id, e.purpose) for e in disclosed] == [
        ("report", str(hidden.pk), Purpose.BREAK_GLASS)
    ]
    told = Notification.objects.filter(kind="assignments.glass", recipient=head)
    assert told.exists()
    # The head of service sees the access, with the reason, on a page.
    sign_in(client, head)
    page = client.get("/assignments/opened/")
    assert page.status_code == 200
    html = page.content.decode()
    assert worker.full_name in html
    assert hidden.number in html
    assert REASON in html
    # The data-protection officer finds it in the access log by its purpose.
    sign_in(client, make_user("dpo"))
    log = client.get("/audit/access-log/", {"purpose": Purpose.BREAK_GLASS})
    assert log.status_code == 200
    assert {e.action for e in log.context["page"].rows} == {Action.DISCLOSE}


def test_a_new_session_must_state_the_reason_again(client, make_user, hidden):
    worker = make_user("worker")
    sign_in(client, worker)
    _open(client, hidden.pk)
    assert client.get(f"/reports/{hidden.pk}/").status_code == 200
    client.logout()
    sign_in(client, worker)
    assert client.get(f"/reports/{hidden.pk}/").status_code == 404


def test_a_short_reason_is_refused_at_its_field_and_the_text_is_kept(client, make_user, hidden):
    sign_in(client, make_user("worker"))
    response = _open(client, hidden.pk, explanation="хитно", reason="")
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"explanation", "reason"}
    assert "хитно" in response.content.decode()
    assert not GlassAccess.objects.exists()
    assert client.get(f"/reports/{hidden.pk}/").status_code == 404


def test_a_reason_for_a_missing_record_is_not_found_and_grants_nothing(client, make_user, hidden):
    worker = make_user("worker")
    sign_in(client, worker)
    assert _open(client, MISSING).status_code == 404
    typed = {"reference": "9999/2026", "reason": "other", "explanation": REASON}
    by_number = client.post("/assignments/open/report/", typed)
    assert by_number.status_code == 404
    assert not GlassAccess.objects.exists()
    # By a typed number, the existing one opens.
    opened = client.post("/assignments/open/report/", {**typed, "reference": hidden.number})
    assert opened.status_code == 302


@pytest.mark.parametrize("role", ["analyst", "shelter_staff", "partner_reporter", "dpo"])
def test_who_may_not_read_reports_cannot_break_the_glass(client, make_user, hidden, role):
    user = make_user(role)
    sign_in(client, user)
    assert client.get(f"/assignments/open/report/?id={hidden.pk}").status_code == 404
    assert _open(client, hidden.pk).status_code == 404
    assert client.get("/assignments/open/nothing/").status_code == 404
    assert not GlassAccess.objects.exists()
    assert {e.action for e in events(actor=user)} == {Action.DENIED}


def test_the_page_of_openings_is_the_head_of_services(client, make_user):
    for role in ("worker", "director", "dpo"):
        sign_in(client, make_user(role))
        assert client.get("/assignments/opened/").status_code == 404


def test_the_grants_in_a_session_count_only_for_who_was_given_them(client, make_user, hidden):
    worker, other = make_user("worker"), make_user("worker")
    sign_in(client, worker)
    _open(client, hidden.pk)
    assert client.get(f"/reports/{hidden.pk}/").status_code == 200
    session = client.session
    stored = session["zastita.glass"]
    assert stored == {"user": worker.pk, "grants": [f"report:{hidden.pk}"]}
    session["zastita.glass"] = {**stored, "user": other.pk}  # not this worker's grants
    session.save()
    assert client.get(f"/reports/{hidden.pk}/").status_code == 404
    session["zastita.glass"] = [f"report:{hidden.pk}"]  # nor a list naming nobody
    session.save()
    assert client.get(f"/reports/{hidden.pk}/").status_code == 404


def test_a_record_no_longer_kept_is_named_as_such_not_an_error(client, make_user, head, hidden):
    """An opening outlives its record (retention removes a report, its opening is kept):
    the head of service's page still shows, naming the record as no longer kept."""
    from zastita.core.registries.scopes import scoped_types

    sign_in(client, make_user("worker"))
    _open(client, hidden.pk)
    GlassAccess.objects.update(subject_id=MISSING)  # as if the report were gone
    for spec in scoped_types:
        assert spec.reference(MISSING) == "(више се не чува)"
    sign_in(client, head)
    page = client.get("/assignments/opened/")
    assert page.status_code == 200
    assert "(више се не чува)" in page.content.decode()


@pytest.mark.parametrize("typed", ["²", "9" * 30, "-1", "1e3"])
def test_a_strange_key_or_number_is_not_found_never_an_error(client, make_user, typed):
    sign_in(client, make_user("worker"))
    form = client.get(f"/assignments/open/report/?id={typed}")  # no key: the number asked
    assert form.status_code == 200
    assert 'name="reference"' in form.content.decode()
    posted = {"reference": typed, "reason": "other", "explanation": REASON}
    for code in ("report", "identification", "person", "case"):
        assert client.post(f"/assignments/open/{code}/", posted).status_code == 404
    assert not GlassAccess.objects.exists()
