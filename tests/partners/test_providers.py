"""The register of providers: the head of service keeps it, a case worker reads it, and
nobody else reaches it; bad input comes back at its field with nothing saved."""

from __future__ import annotations

import pytest

from zastita.partners.models import Provider

from ..conftest import sign_in

pytestmark = pytest.mark.django_db


def test_the_head_of_service_adds_a_provider_and_a_worker_reads_the_register(client, make_user):
    sign_in(client, make_user("head_of_service"))
    response = client.post("/partners/providers/new/", {
        "kind": "interpreter", "professional": "Преводилац Тест", "languages": ["ara", "fas"],
        "contact": "060 000 000", "is_active": "on",
    })  # fmt: skip
    provider = Provider.objects.get()
    assert response.status_code == 302
    assert provider.languages == ["ara", "fas"]
    sign_in(client, make_user("worker"))
    page = client.get("/partners/providers/")
    assert page.status_code == 200
    assert "Преводилац Тест" in page.content.decode()
    # A worker reads the register; they do not edit it.
    assert client.get(f"/partners/providers/{provider.pk}/").status_code == 404


def test_the_register_is_not_found_for_who_does_not_arrange_services(client, make_user):
    provider = Provider.objects.create(kind="lawyer", professional="Адвокат Тест")
    for role in ("analyst", "partner_reporter", "dpo"):
        sign_in(client, make_user(role))
        assert client.get("/partners/providers/").status_code == 404
        seen = client.get(f"/partners/providers/{provider.pk}/")
        missing = client.get("/partners/providers/999999/")
        assert seen.status_code == missing.status_code == 404


def test_a_provider_with_no_name_or_organisation_is_refused_at_its_field(client, make_user):
    sign_in(client, make_user("head_of_service"))
    response = client.post("/partners/providers/new/", {"kind": "lawyer", "contact": "060 1"})
    assert response.status_code == 200
    assert "professional" in response.context["form"].errors
    assert 'value="060 1"' in response.content.decode()
    assert not Provider.objects.exists()


def test_a_stale_edit_of_a_provider_is_a_conflict(client, make_user):
    provider = Provider.objects.create(kind="lawyer", professional="Адвокат Тест")
    sign_in(client, make_user("head_of_service"))
    data = {"kind": "lawyer", "professional": "Адвокат Нови", "version": 0}
    response = client.post(f"/partners/providers/{provider.pk}/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    provider.refresh_from_db()
    assert provider.professional == "Адвокат Тест"
