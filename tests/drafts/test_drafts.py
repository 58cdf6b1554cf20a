"""Drafts: saved encrypted for their author alone, put back into the page, removed when the
form is submitted, refused when malformed, expired after a week."""

from __future__ import annotations

import datetime
import json

import pytest
from cryptography.exceptions import InvalidTag
from django.db import connection
from django.utils import timezone

from zastita.audit.models import Action
from zastita.core.crypto import keyring
from zastita.drafts.models import FormDraft
from zastita.drafts.services import drafts_purge_expired

from ..conftest import events, sign_in
from ..intake.test_views import _report_form

CANARY = "Канаринацнацрт: девојка је рекла да је газда држи у подруму"


def _save(client, *, page="/reports/new/", form="form-0", fields=None, **extra):
    body = {
        "page": page, "form": form, "action": extra.pop("action", page),
        "title": "Нова пријава · Заштита",
        "fields": [["narrative", CANARY], ["urgency", "ordinary"]] if fields is None else fields,
    }  # fmt: skip
    body.update(extra)
    return client.post(
        "/drafts/save", json.dumps(body), content_type="application/json",
        headers={"X-Zastita-Passive": "1"},
    )  # fmt: skip


def _page_drafts(response) -> list[dict]:
    page = response.content.decode()
    if 'id="zastita-drafts"' not in page:
        return []
    script = page.split('id="zastita-drafts"', 1)[1]
    return json.loads(script.split(">", 1)[1].split("</script>", 1)[0])


def test_a_draft_is_kept_encrypted_and_put_back_for_its_author(client, worker_user):
    sign_in(client, worker_user)
    response = _save(client)
    assert response.status_code == 200
    assert response.json() == {"saved": True}
    row = FormDraft.objects.get()
    assert row.user == worker_user
    assert CANARY not in row.data_ciphertext
    with connection.cursor() as cursor:
        cursor.execute("SELECT data_ciphertext, title_ciphertext FROM drafts_formdraft")
        assert all("Канаринац" not in value for value in cursor.fetchone())
    assert _page_drafts(client.get("/reports/new/"))[0]["fields"] == [
        ["narrative", CANARY], ["urgency", "ordinary"],
    ]  # fmt: skip


def test_saving_again_replaces_the_draft(client, worker_user):
    sign_in(client, worker_user)
    _save(client)
    _save(client, fields=[["narrative", "друга верзија"]])
    assert FormDraft.objects.count() == 1
    (draft,) = _page_drafts(client.get("/reports/new/"))
    assert draft["fields"] == [["narrative", "друга верзија"]]


def test_a_draft_is_invisible_to_everyone_else(client, worker_user, make_user):
    sign_in(client, worker_user)
    _save(client)
    other = make_user("worker", username="drugi")
    client.logout()
    sign_in(client, other)
    page = client.get("/reports/new/").content.decode()
    assert "zastita-drafts" not in page
    assert CANARY not in page
    assert CANARY not in client.get("/").content.decode()


def test_a_draft_is_bound_to_its_author_and_form(client, worker_user, make_user):
    sign_in(client, worker_user)
    _save(client)
    row = FormDraft.objects.get()
    other = make_user("worker", username="drugi")
    stolen = FormDraft(user=other, page_path=row.page_path, form_key=row.form_key)
    with pytest.raises(InvalidTag):
        keyring().decrypt(row.data_ciphertext, context=stolen.context())


def test_secrets_and_the_csrf_token_are_never_kept(client, worker_user):
    sign_in(client, worker_user)
    fields = [["narrative", CANARY], ["password1", "tajna-lozinka"], ["otp_token", "123456"],
              ["csrfmiddlewaretoken", "abc"], ["recovery_code", "x"]]  # fmt: skip
    _save(client, fields=fields)
    row = FormDraft.objects.get()
    draft = json.loads(keyring().decrypt(row.data_ciphertext, context=row.context()))
    assert draft == [["narrative", CANARY]]


def test_an_empty_form_keeps_no_draft(client, worker_user):
    sign_in(client, worker_user)
    _save(client)
    assert _save(client, fields=[["narrative", "  "], ["urgency", ""]]).json() == {"saved": False}
    assert not FormDraft.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"page": "/no/such/page/"},
        {"page": "/reports/new/?q=Jovana"},  # no query string: it could hold a searched name
        {"page": "/login/"},
        {"page": "https://evil.example/reports/new/"},
        {"action": "/password/"},
        {"form": "../x"},
        {"fields": [["narrative"]]},
        {"fields": [["bad name!", "x"]]},
        {"fields": [["narrative", "nul \x00 character"]]},
        {"fields": [["narrative", "x" * 100_001]]},
        {"fields": "narrative"},
    ],
)
def test_malformed_drafts_are_refused_whole(client, worker_user, change):
    sign_in(client, worker_user)
    body = {"page": "/reports/new/", "form": "form-0", "title": "t",
            "fields": [["narrative", CANARY]]}  # fmt: skip
    body.update(change)
    response = client.post("/drafts/save", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["saved"] is False
    assert not FormDraft.objects.exists()


def test_a_body_that_is_not_json_is_refused(client, worker_user):
    sign_in(client, worker_user)
    response = client.post("/drafts/save", "not json", content_type="application/json")
    assert response.status_code == 422
    assert not FormDraft.objects.exists()


def test_saving_needs_a_signed_in_user(client, db):
    assert _save(client).status_code == 302
    assert not FormDraft.objects.exists()


def test_submitting_the_form_removes_its_draft(client, worker_user, on_shift):
    on_shift()
    sign_in(client, worker_user)
    _save(client)
    _save(client, page="/", form="other")  # another form's draft stays
    response = client.post("/reports/new/", _report_form())
    assert response.status_code == 302
    assert list(FormDraft.objects.values_list("page_path", flat=True)) == ["/"]


def test_a_refused_submission_keeps_the_draft(client, worker_user):
    sign_in(client, worker_user)
    _save(client)
    response = client.post("/reports/new/", _report_form(narrative=""))
    assert response.status_code == 200
    assert FormDraft.objects.count() == 1


def test_discarding_a_draft(client, worker_user):
    sign_in(client, worker_user)
    _save(client)
    row = FormDraft.objects.get()
    response = client.post(f"/drafts/{row.pk}/discard", {"next": "/reports/new/"})
    assert response.status_code == 302
    assert response["Location"] == "/reports/new/"
    assert not FormDraft.objects.exists()


def test_discarding_another_users_draft_looks_like_a_missing_one(client, worker_user, make_user):
    sign_in(client, worker_user)
    _save(client)
    row = FormDraft.objects.get()
    client.logout()
    sign_in(client, make_user("worker", username="drugi"))
    theirs = client.post(f"/drafts/{row.pk}/discard")
    missing = client.post(f"/drafts/{row.pk + 1000}/discard")
    assert theirs.status_code == missing.status_code == 404
    assert FormDraft.objects.filter(pk=row.pk).exists()


def test_discarding_refuses_a_foreign_next(client, worker_user):
    sign_in(client, worker_user)
    _save(client)
    row = FormDraft.objects.get()
    response = client.post(f"/drafts/{row.pk}/discard", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_home_page_lists_the_users_drafts(client, worker_user):
    sign_in(client, worker_user)
    _save(client)
    home = client.get("/").content.decode()
    assert "Нова пријава · Заштита" in home
    assert 'href="/reports/new/"' in home


def test_expired_drafts_are_not_shown_and_are_purged_with_an_audit_event(client, worker_user):
    sign_in(client, worker_user)
    _save(client)
    FormDraft.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert "zastita-drafts" not in client.get("/reports/new/").content.decode()
    assert "Нова пријава · Заштита" not in client.get("/").content.decode()
    assert drafts_purge_expired() == 1
    assert not FormDraft.objects.exists()
    (event,) = events(action=Action.ERASE, object_type="draft")
    assert event.object_id == "1"
    assert drafts_purge_expired() == 0


def test_a_draft_expires_after_the_configured_days(client, worker_user, settings):
    settings.ZASTITA_DRAFT_DAYS = 7
    sign_in(client, worker_user)
    _save(client)
    left = FormDraft.objects.get().expires_at - timezone.now()
    assert datetime.timedelta(days=6, hours=23) < left <= datetime.timedelta(days=7)


def test_the_workers_pass_purges_expired_drafts(client, worker_user, monkeypatch):
    from zastita.core import periodic

    sign_in(client, worker_user)
    _save(client)
    _save(client, page="/", form="kept")
    FormDraft.objects.filter(page_path="/reports/new/").update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    periodic.reset_schedule()
    assert periodic.periodic_pass()["drafts_expired"] == 1
    assert list(FormDraft.objects.values_list("page_path", flat=True)) == ["/"]
