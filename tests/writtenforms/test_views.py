"""The platform's pages, on the toy spec mounted by a toy app (tests.writtenforms.urls) and
on the specs' pages: success, forbidden-as-404 and invalid input for each."""

from __future__ import annotations

import pytest

from zastita.audit.models import Action
from zastita.writtenforms import public
from zastita.writtenforms.models import FormReview, FormVersion, SpecVersion, WrittenForm

from ..conftest import events, sign_in
from .test_specs import V2
from .toy import TOY_CODE

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.writtenforms.urls")]

TEXT = {"seen": "Видела је пасош код газде.", "plan": "Смештај у прихватилиште."}
PAGE = f"/toy/1/forms/{TOY_CODE}/"


def _saved(actor, base: int = 0, **sections: str) -> FormVersion:
    return public.form_save(actor=actor, code=TOY_CODE, subject_id=1,
                            sections=sections or TEXT, base_version=base)  # fmt: skip


def test_the_form_page_saves_versions_and_records_the_read(client, toy_spec, worker_user):
    sign_in(client, worker_user)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "Only what was seen, not what was guessed." in page.content.decode()
    assert client.post(PAGE, {"base_version": 0, **TEXT}).status_code == 302
    assert client.post(PAGE, {"base_version": 1, **TEXT, "plan": "друго"}).status_code == 302
    assert list(FormVersion.objects.values_list("number", flat=True)) == [1, 2]
    assert "друго" in client.get(PAGE).content.decode()
    reads = events(action=Action.VIEW, actor=worker_user)
    assert {("toy", "1")} <= {(e.object_type, e.object_id) for e in reads}


def test_the_form_page_keeps_the_typing_on_a_conflict_or_a_missing_section(
    client, toy_spec, worker_user, make_user
):
    _saved(make_user("worker", username="other"))
    sign_in(client, worker_user)
    stale = client.post(PAGE, {"base_version": 0, **TEXT, "seen": "Мој дужи текст"})
    assert stale.status_code == 200
    assert stale.context["form"].non_field_errors()
    assert "Мој дужи текст" in stale.content.decode()
    missing = client.post(PAGE, {"base_version": 1, "seen": "Без плана"})
    assert "plan" in missing.context["form"].errors
    invalid = client.post(PAGE, {"base_version": "x"})
    assert invalid.status_code == 200
    assert FormVersion.objects.count() == 1


def test_autosave_answers_in_json_and_a_conflict_is_409(client, toy_spec, worker_user):
    sign_in(client, worker_user)
    saved = client.post(PAGE, {"base_version": 0, "seen": "пола"}, headers={"X-Autosave": "1"})
    assert (saved.status_code, saved.json()) == (200, {"saved": True, "version": 1})
    stale = client.post(PAGE, {"base_version": 0, "seen": "x"}, headers={"X-Autosave": "1"})
    assert stale.status_code == 409
    assert stale.json()["saved"] is False
    assert stale.json()["message"]
    invalid = client.post(PAGE, {"base_version": "x"}, headers={"X-Autosave": "1"})
    assert invalid.status_code == 422


@pytest.mark.parametrize("role", ["analyst", "partner_reporter", "administrator"])
def test_a_form_is_not_found_for_those_who_may_not_see_its_subject(
    client, toy_spec, worker_user, make_user, role
):
    _saved(worker_user)
    sign_in(client, make_user(role))
    for suffix in ("", "print/"):
        assert client.get(PAGE + suffix).status_code == 404
    assert client.post(PAGE, {"base_version": 1, **TEXT}).status_code == 404
    assert client.post(PAGE + "approve/", {"version": 1}).status_code == 404
    assert client.post(PAGE + "return/", {"version": 1, "comments": "Допуни."}).status_code == 404
    assert FormVersion.objects.count() == 1


def test_a_subject_out_of_reach_and_an_unknown_form_are_not_found(client, toy_spec, worker_user):
    sign_in(client, worker_user)
    assert client.get(f"/toy/999/forms/{TOY_CODE}/").status_code == 404
    assert client.get("/toy/1/forms/diary/").status_code == 404
    assert client.post("/toy/1/forms/diary/", {"base_version": 0}).status_code == 404


def test_return_with_comments_then_approve(client, toy_spec, worker_user, head):
    _saved(worker_user)
    sign_in(client, head)
    page = client.get(PAGE).content.decode()
    assert "return/" in page
    assert "approve/" in page
    assert client.post(PAGE + "return/", {"version": 1, "comments": "Ко је видео пасош?"}
                       ).status_code == 302  # fmt: skip
    assert FormReview.objects.get().outcome == "returned"
    sign_in(client, worker_user)
    shown = client.get(PAGE).content.decode()
    assert "Ко је видео пасош?" in shown  # the author reads the comments
    _saved(worker_user, base=1, seen="Радница је видела пасош.", plan="Смештај.")
    sign_in(client, head)
    assert client.post(PAGE + "approve/", {"version": 2}).status_code == 302
    assert WrittenForm.objects.get().approved_version == 2


def test_invalid_reviews_change_nothing(client, toy_spec, worker_user, head):
    _saved(worker_user)
    sign_in(client, head)
    empty = client.post(PAGE + "return/", {"version": 1, "comments": ""})
    assert empty.status_code == 200
    assert "comments" in empty.context["return_form"].errors
    typed = client.post(PAGE + "return/", {"version": 1, "comments": "Кратко"[:3]})
    assert "Кра" in typed.content.decode()  # the typed comments are kept
    assert not FormReview.objects.exists()
    stale = client.post(PAGE + "approve/", {"version": 7}, follow=True)
    assert stale.status_code == 200
    assert client.post(PAGE + "approve/", {"version": "x"}).status_code == 302
    assert WrittenForm.objects.get().approved_at is None


def test_the_author_approving_is_refused_with_a_message(client, toy_spec, head):
    _saved(head)
    sign_in(client, head)
    response = client.post(PAGE + "approve/", {"version": 1}, follow=True)
    assert WrittenForm.objects.get().approved_at is None
    assert [str(m) for m in response.context["messages"]]


def test_a_worker_does_not_approve(client, toy_spec, worker_user, make_user):
    _saved(worker_user)
    sign_in(client, make_user("worker", username="other"))
    assert client.post(PAGE + "approve/", {"version": 1}).status_code == 404
    assert client.post(PAGE + "return/", {"version": 1, "comments": "Допуни."}).status_code == 404


def test_the_print_view_is_audited_as_a_print(client, toy_spec, worker_user):
    sign_in(client, worker_user)
    assert client.get(PAGE + "print/").status_code == 404  # nothing written yet
    _saved(worker_user)
    printed = client.get(PAGE + "print/")
    assert printed.status_code == 200
    assert "TOY NOTE" in printed.content.decode()
    assert events(action=Action.PRINT, object_type="written_form", actor=worker_user)


def test_the_head_edits_a_spec_on_its_page(client, toy_spec, head):
    sign_in(client, head)
    assert client.get("/forms/specs/").status_code == 200
    page = client.get(f"/forms/specs/{TOY_CODE}/")
    assert page.status_code == 200
    assert "key_section" in page.content.decode()
    saved = client.post(f"/forms/specs/{TOY_CODE}/", {"text": V2, "comment": "Ризици додати."})
    assert saved.status_code == 302
    assert SpecVersion.objects.filter(code=TOY_CODE).count() == 2


def test_a_wrong_spec_is_refused_with_the_line_and_the_text_kept(client, toy_spec, head):
    sign_in(client, head)
    broken = V2.replace("required: true", "required: maybe")
    response = client.post(f"/forms/specs/{TOY_CODE}/", {"text": broken, "comment": "Покварено."})
    assert response.status_code == 200
    errors = response.context["form"].errors["text"]
    assert "7" in errors[0]  # the line of "required: maybe"
    assert "required: maybe" in response.content.decode()
    assert not SpecVersion.objects.filter(code=TOY_CODE).exists()


def test_the_specs_pages_are_not_found_for_others(client, toy_spec, worker_user):
    sign_in(client, worker_user)
    assert client.get("/forms/specs/").status_code == 404
    assert client.get(f"/forms/specs/{TOY_CODE}/").status_code == 404
    assert client.post(f"/forms/specs/{TOY_CODE}/", {"text": V2, "comment": "Ризици."}
                       ).status_code == 404  # fmt: skip
    assert client.get("/forms/specs/nope/").status_code == 404


def test_a_form_of_another_kind_of_subject_is_not_found_under_an_apps_address(
    client, toy_spec, worker_user, identification
):
    sign_in(client, worker_user)
    assert client.get(f"/identification/{identification.pk}/forms/{TOY_CODE}/").status_code == 404
    assert client.get("/toy/1/forms/findings/").status_code == 404
