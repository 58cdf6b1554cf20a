"""Identification's written forms (the two assessment forms, the needs assessment, the
findings and opinion), on the writtenforms platform under identification's addresses:
versions kept, autosave, conflicts, approval, return with comments, four eyes (the author
and the decision's panel), print view; success, forbidden-as-404 and invalid input for
each page."""

from __future__ import annotations

import pytest

from zastita.audit.models import Action
from zastita.identification.models import FormKind
from zastita.identification.services import form_save, form_text
from zastita.identification.written import FORMS
from zastita.writtenforms.models import FormVersion as WrittenFormVersion
from zastita.writtenforms.models import WrittenForm

from ..conftest import events, share, sign_in
from .conftest import MISSING, NO_ACCESS

SECTIONS = {
    "basis": "Разговор 12.11.",
    "findings": "Налаз: присутни индикатори принуде.",
    "assessment": "Процена",
    "opinion": "Мишљење: жртва",
    "recommendations": "Смештај",
}


def _url(identification, suffix: str = "", kind: str = "findings") -> str:
    return f"/identification/{identification.pk}/forms/{kind}/{suffix}"


def findings_save(**kwargs):
    return form_save(kind=FormKind.FINDINGS, **kwargs)


def test_every_save_is_a_version_and_the_text_is_encrypted(client, worker_user, identification):
    sign_in(client, worker_user)
    assert client.get(_url(identification)).status_code == 200
    first = client.post(_url(identification), {"base_version": 0, **SECTIONS})
    assert first.status_code == 302
    changed = {**SECTIONS, "base_version": 1, "opinion": "Мишљење: идентификована жртва"}
    second = client.post(_url(identification), changed)
    assert second.status_code == 302
    versions = list(WrittenFormVersion.objects.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert form_text(versions[0])["opinion"] == "Мишљење: жртва"
    assert "Мишљење" not in versions[1].sections
    page = client.get(_url(identification)).content.decode()
    assert "Мишљење: идентификована жртва" in page
    assert events(action=Action.VIEW, object_type="written_form", actor=worker_user)


def test_a_stale_save_is_a_conflict_and_keeps_the_typing(client, worker_user, make_user,
                                                         identification):  # fmt: skip
    colleague = make_user("worker")
    share(identification, colleague)
    findings_save(actor=colleague, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    sign_in(client, worker_user)
    response = client.post(_url(identification), {**SECTIONS, "base_version": 0,
                                                  "findings": "Мој дужи текст налаза"})  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "Мој дужи текст налаза" in response.content.decode()
    assert WrittenFormVersion.objects.count() == 1


def test_autosave_answers_in_json(client, worker_user, identification):
    sign_in(client, worker_user)
    saved = client.post(_url(identification), {**SECTIONS, "base_version": 0},
                        headers={"X-Autosave": "1"})  # fmt: skip
    assert (saved.status_code, saved.json()) == (200, {"saved": True, "version": 1})
    assert WrittenFormVersion.objects.get().autosaved
    stale = client.post(_url(identification), {**SECTIONS, "base_version": 0},
                        headers={"X-Autosave": "1"})  # fmt: skip
    assert stale.status_code == 409
    assert stale.json()["saved"] is False
    invalid = client.post(_url(identification), {"base_version": "x"},
                          headers={"X-Autosave": "1"})  # fmt: skip
    assert invalid.status_code == 422


def test_empty_findings_are_refused(client, worker_user, identification):
    sign_in(client, worker_user)
    response = client.post(_url(identification), {"base_version": 0})
    assert response.status_code == 200
    assert "findings" in response.context["form"].errors
    assert not WrittenFormVersion.objects.exists()


def test_the_head_approves_the_version_read_and_editing_stops(client, worker_user, make_user,
                                                              identification):  # fmt: skip
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    head = make_user("head_of_service")
    sign_in(client, head)
    stale = client.post(_url(identification, "approve/"), {"version": 7})
    assert stale.status_code == 302
    assert WrittenForm.objects.get().approved_at is None
    client.post(_url(identification, "approve/"), {"version": 1})
    findings = WrittenForm.objects.get()
    assert (findings.approved_version, findings.approved_by) == (1, head)
    assert events(action=Action.TRANSITION, object_type="written_form", actor=head)
    sign_in(client, worker_user)
    after = client.post(_url(identification), {**SECTIONS, "base_version": 1})
    assert after.status_code == 200
    assert WrittenFormVersion.objects.count() == 1


def test_the_print_view_shows_the_latest_version(client, worker_user, identification):
    sign_in(client, worker_user)
    assert client.get(_url(identification, "print/")).status_code == 404  # nothing written yet
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    response = client.get(_url(identification, "print/"))
    assert response.status_code == 200
    assert "Налаз: присутни индикатори принуде." in response.content.decode()
    assert events(action=Action.PRINT, object_type="written_form", actor=worker_user)


@pytest.mark.parametrize("role", NO_ACCESS)
def test_findings_are_not_found_for_others(client, make_user, worker_user, identification, role):
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    sign_in(client, make_user(role))
    for suffix in ("", "print/"):
        assert client.get(_url(identification, suffix)).status_code == 404
        assert client.get(f"/identification/{MISSING}/forms/findings/{suffix}").status_code == 404
    assert client.post(_url(identification), {**SECTIONS, "base_version": 1}).status_code == 404
    assert client.post(_url(identification, "approve/"), {"version": 1}).status_code == 404
    assert WrittenFormVersion.objects.count() == 1


@pytest.mark.parametrize("role", ["worker", "director"])
def test_only_the_head_approves_findings(client, make_user, worker_user, identification, role):
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    sign_in(client, make_user(role))
    assert client.post(_url(identification, "approve/"), {"version": 1}).status_code == 404
    assert WrittenForm.objects.get().approved_at is None


@pytest.mark.parametrize("kind", list(FORMS))
def test_each_form_shows_its_sections_with_guidance(client, worker_user, identification, kind):
    spec = FORMS[kind]
    sign_in(client, worker_user)
    page = client.get(_url(identification, kind=kind)).content.decode()
    for section in spec.sections:
        assert f'name="{section.key}"' in page
        assert str(section.guidance) in page
    typed = {key: f"{key}: текст" for key in spec.keys}
    assert (
        client.post(_url(identification, kind=kind), {"base_version": 0, **typed}).status_code
        == 302
    )
    saved = WrittenForm.objects.get(subject_id=identification.pk, code=kind)
    assert form_text(saved.versions.get()) == typed
    printed = client.get(_url(identification, "print/", kind=kind)).content.decode()
    assert str(spec.heading) in printed
    assert f"{spec.required}: текст" in printed


def test_forms_of_different_kinds_are_kept_apart(worker_user, identification):
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    needs = form_save(actor=worker_user, identification=identification,
                      kind=FormKind.NEEDS_ASSESSMENT, sections={"priorities": "Смештај вечерас"},
                      base_version=0)  # fmt: skip
    assert needs.number == 1
    assert WrittenForm.objects.filter(subject_id=identification.pk).count() == 2


def test_the_required_section_is_named_when_missing(client, worker_user, identification):
    sign_in(client, worker_user)
    kind = FormKind.IDENTIFICATION_ASSESSMENT
    response = client.post(_url(identification, kind=kind),
                           {"base_version": 0, "act": "Врбовање преко огласа"})  # fmt: skip
    assert response.status_code == 200
    assert "conclusion" in response.context["form"].errors
    assert "Врбовање преко огласа" in response.content.decode()
    assert not WrittenFormVersion.objects.exists()


def test_an_unknown_kind_of_form_is_not_found(client, worker_user, identification):
    sign_in(client, worker_user)
    assert client.get(_url(identification, kind="diary")).status_code == 404
    assert client.post(_url(identification, kind="diary"), {"base_version": 0}).status_code == 404
    assert client.get(_url(identification, "print/", kind="diary")).status_code == 404


def test_unknown_sections_are_refused_by_the_service(worker_user, identification):
    from zastita.core.errors import ValidationError

    with pytest.raises(ValidationError):
        form_save(actor=worker_user, identification=identification, kind=FormKind.FINDINGS,
                  sections={"diary": "x"}, base_version=0)  # fmt: skip
    with pytest.raises(ValidationError):
        form_save(actor=worker_user, identification=identification, kind="diary",
                  sections={}, base_version=0)  # fmt: skip


def test_a_draft_saved_automatically_is_not_approved(client, worker_user, make_user,
                                                     identification):  # fmt: skip
    form_save(actor=worker_user, identification=identification, kind=FormKind.FINDINGS,
              sections={"basis": "пола реченице"}, base_version=0, autosave=True)  # fmt: skip
    sign_in(client, make_user("head_of_service"))
    response = client.post(_url(identification, "approve/"), {"version": 1}, follow=True)
    assert WrittenForm.objects.get().approved_at is None
    assert "аутор најпре треба да сачува образац" in response.content.decode()
    # Saved by hand with its findings written, it is approved.
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=1)  # fmt: skip
    client.post(_url(identification, "approve/"), {"version": 2})
    assert WrittenForm.objects.get().approved_version == 2


def test_reading_a_form_is_recorded_against_the_person(client, worker_user, identification):
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    from zastita.audit.models import AuditEvent

    sign_in(client, worker_user)
    for suffix, action in (("", Action.VIEW), ("print/", Action.PRINT)):
        before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
        client.get(_url(identification, suffix))
        new = AuditEvent.objects.filter(seq__gt=before, actor=worker_user, action=action)
        assert set(new.values_list("object_type", "object_id")) >= {
            ("person", str(identification.person_id))
        }


def test_the_head_returns_a_form_with_comments_and_the_author_revises(
    client, worker_user, make_user, identification
):
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    head = make_user("head_of_service")
    sign_in(client, head)
    returned = client.post(_url(identification, "return/"),
                           {"version": 1, "comments": "Наведи изворе налаза."})  # fmt: skip
    assert returned.status_code == 302
    sign_in(client, worker_user)
    assert "Наведи изворе налаза." in client.get(_url(identification)).content.decode()
    findings_save(actor=worker_user, identification=identification,
                  sections={**SECTIONS, "basis": "Разговор и исправе"}, base_version=1)  # fmt: skip
    sign_in(client, head)
    client.post(_url(identification, "approve/"), {"version": 2})
    assert WrittenForm.objects.get().approved_version == 2


def test_a_return_without_comments_is_refused(client, worker_user, make_user, identification):
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    sign_in(client, make_user("head_of_service"))
    client.post(_url(identification, "return/"), {"version": 1, "comments": ""})
    assert WrittenForm.objects.get().status == "submitted"


def test_the_author_and_the_decision_panel_do_not_approve(client, worker_user, make_user,
                                                          identification):  # fmt: skip
    from zastita.identification.services import decision_propose

    head = make_user("head_of_service")
    findings_save(actor=head, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    sign_in(client, head)
    refused = client.post(_url(identification, "approve/"), {"version": 1}, follow=True)
    assert WrittenForm.objects.get().approved_at is None
    assert [str(m) for m in refused.context["messages"]]
    # Another head, on the panel of the identification's decision, does not approve either.
    member = make_user("head_of_service", username="panel-head")
    decision_propose(
        actor=worker_user, identification=identification, status="presumed",
        municipality="nis", panel=[{"user": member.pk, "profession": "психолог"}],
        reasons="Образложење одлуке, довољно дугачко.",
    )  # fmt: skip
    sign_in(client, member)
    client.post(_url(identification, "approve/"), {"version": 1})
    assert WrittenForm.objects.get().approved_at is None
    third = make_user("head_of_service", username="third-head")
    sign_in(client, third)
    client.post(_url(identification, "approve/"), {"version": 1})
    assert WrittenForm.objects.get().approved_by == third


@pytest.mark.parametrize(("language", "heading"), [("en", "FINDINGS AND OPINION"),
                                                   ("sr", "НАЛАЗ И МИШЉЕЊЕ")])  # fmt: skip
def test_the_print_view_is_in_the_pages_language(client, worker_user, identification, language,
                                                 heading):  # fmt: skip
    from django.conf import settings

    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    sign_in(client, worker_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    printed = client.get(_url(identification, "print/")).content.decode()
    assert heading in printed
    assert f'lang="{language}' in printed
