"""Findings and opinion: versions kept, autosave, conflicts, approval, print view; success,
forbidden-as-404 and invalid input for each page."""

from __future__ import annotations

import pytest

from zastita.audit.models import Action
from zastita.identification.models import Findings, FindingsVersion
from zastita.identification.services import findings_save, findings_text

from ..conftest import events, sign_in
from .conftest import MISSING, NO_ACCESS

SECTIONS = {
    "basis": "Разговор 12.11.",
    "findings": "Налаз: присутни индикатори принуде.",
    "assessment": "Процена",
    "opinion": "Мишљење: жртва",
    "recommendations": "Смештај",
}


def _url(identification, suffix: str = "") -> str:
    return f"/identification/{identification.pk}/findings/{suffix}"


def test_every_save_is_a_version_and_the_text_is_encrypted(client, worker_user, identification):
    sign_in(client, worker_user)
    assert client.get(_url(identification)).status_code == 200
    first = client.post(_url(identification), {"base_version": 0, **SECTIONS})
    assert first.status_code == 302
    changed = {**SECTIONS, "base_version": 1, "opinion": "Мишљење: идентификована жртва"}
    second = client.post(_url(identification), changed)
    assert second.status_code == 302
    versions = list(FindingsVersion.objects.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert findings_text(versions[0])["opinion"] == "Мишљење: жртва"
    assert "Мишљење" not in versions[1].sections
    page = client.get(_url(identification)).content.decode()
    assert "Мишљење: идентификована жртва" in page
    assert events(action=Action.VIEW, object_type="findings", actor=worker_user)


def test_a_stale_save_is_a_conflict_and_keeps_the_typing(client, worker_user, make_user,
                                                         identification):  # fmt: skip
    findings_save(actor=make_user("worker"), identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    sign_in(client, worker_user)
    response = client.post(_url(identification), {**SECTIONS, "base_version": 0,
                                                  "findings": "Мој дужи текст налаза"})  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "Мој дужи текст налаза" in response.content.decode()
    assert FindingsVersion.objects.count() == 1


def test_autosave_answers_in_json(client, worker_user, identification):
    sign_in(client, worker_user)
    saved = client.post(_url(identification), {**SECTIONS, "base_version": 0},
                        headers={"X-Autosave": "1"})  # fmt: skip
    assert (saved.status_code, saved.json()) == (200, {"saved": True, "version": 1})
    assert FindingsVersion.objects.get().autosaved
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
    assert not FindingsVersion.objects.exists()


def test_the_head_approves_the_version_read_and_editing_stops(client, worker_user, make_user,
                                                              identification):  # fmt: skip
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    head = make_user("head_of_service")
    sign_in(client, head)
    stale = client.post(_url(identification, "approve/"), {"version": 7})
    assert stale.status_code == 302
    assert Findings.objects.get().approved_at is None
    client.post(_url(identification, "approve/"), {"version": 1})
    findings = Findings.objects.get()
    assert (findings.approved_version, findings.approved_by) == (1, head)
    assert events(action=Action.TRANSITION, object_type="findings", actor=head)
    sign_in(client, worker_user)
    after = client.post(_url(identification), {**SECTIONS, "base_version": 1})
    assert after.status_code == 200
    assert FindingsVersion.objects.count() == 1


def test_the_print_view_shows_the_latest_version(client, worker_user, identification):
    sign_in(client, worker_user)
    assert client.get(_url(identification, "print/")).status_code == 404  # nothing written yet
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    response = client.get(_url(identification, "print/"))
    assert response.status_code == 200
    assert "Налаз: присутни индикатори принуде." in response.content.decode()
    assert events(action=Action.PRINT, object_type="findings", actor=worker_user)


@pytest.mark.parametrize("role", NO_ACCESS)
def test_findings_are_not_found_for_others(client, make_user, worker_user, identification, role):
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    sign_in(client, make_user(role))
    for suffix in ("", "print/"):
        assert client.get(_url(identification, suffix)).status_code == 404
        assert client.get(f"/identification/{MISSING}/findings/{suffix}").status_code == 404
    assert client.post(_url(identification), {**SECTIONS, "base_version": 1}).status_code == 404
    assert client.post(_url(identification, "approve/"), {"version": 1}).status_code == 404
    assert FindingsVersion.objects.count() == 1


@pytest.mark.parametrize("role", ["worker", "director"])
def test_only_the_head_approves_findings(client, make_user, worker_user, identification, role):
    findings_save(actor=worker_user, identification=identification, sections=SECTIONS,
                  base_version=0)  # fmt: skip
    sign_in(client, make_user(role))
    assert client.post(_url(identification, "approve/"), {"version": 1}).status_code == 404
    assert Findings.objects.get().approved_at is None
