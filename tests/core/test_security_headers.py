"""Security headers on every response; no caching of pages; HSTS in production."""

from __future__ import annotations

import re

import pytest

from ..conftest import sign_in


def test_login_page_headers(client, db):
    response = client.get("/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert re.search(r"script-src 'self' 'nonce-[A-Za-z0-9_-]+'", csp)
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["Cache-Control"] == "no-store"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_nonce_in_page_matches_header(client, db):
    response = client.get("/login/")
    match = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert match is not None
    nonce = match.group(1)
    assert f'nonce="{nonce}"'.encode() in response.content
    assert b"<script>" not in response.content  # no inline script without a nonce


def test_pages_with_personal_data_are_not_stored(client, admin_user):
    sign_in(client, admin_user)
    response = client.get("/manage/users/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    api = client.get("/api/v1/me")
    assert api["Cache-Control"] == "no-store"


def test_cookies_are_http_only_and_same_site(client, admin_user):
    response = client.get("/login/")
    cookie = response.cookies["zastita_csrf"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_production_security_settings():
    import importlib
    import os
    from unittest import mock

    env = {
        "DJANGO_SECRET_KEY": "x" * 60,
        "ZASTITA_KEYS": '{"active": "k1", "keys": {"k1": "' + "A" * 43 + '="}}',
        "ZASTITA_SECURE_COOKIES": "1",
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
    }
    with mock.patch.dict(os.environ, env):
        import zastita.config.settings.base as base

        importlib.reload(base)
        prod = importlib.import_module("zastita.config.settings.production")
        prod = importlib.reload(prod)
    importlib.reload(base)
    assert prod.SECURE_HSTS_SECONDS >= 31_536_000
    assert prod.SECURE_HSTS_INCLUDE_SUBDOMAINS
    assert prod.SECURE_SSL_REDIRECT
    assert prod.SESSION_COOKIE_SECURE
    assert prod.CSRF_COOKIE_SECURE


# --- every type of response gets the same headers, whoever made it ---


def _crash(*args, **kwargs):
    raise RuntimeError("an unexpected failure")


def _urls():
    from django.urls import path

    from zastita.config.urls import urlpatterns as real

    return [path("test-crash/", _crash), *real]


urlpatterns = _urls()


def assert_security_headers(response, *, cacheable: bool = False) -> None:
    where = f"{response.status_code} {response.get('Content-Type')}"
    assert "default-src 'none'" in response.get("Content-Security-Policy", ""), where
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"], where
    assert response.get("X-Frame-Options") == "DENY", where
    assert response.get("X-Content-Type-Options") == "nosniff", where
    assert response.get("Referrer-Policy") == "same-origin", where
    assert response.get("Cross-Origin-Opener-Policy") == "same-origin", where
    assert "camera=()" in response.get("Permissions-Policy", ""), where
    assert re.fullmatch(r"[0-9a-f]{32}", response.get("X-Request-ID", "")), where
    if not cacheable:
        assert response.get("Cache-Control") == "no-store", where


def _attachment_id(worker_user) -> int:
    from zastita.intake import services

    from ..intake.conftest import report_input

    report = services.report_create(actor=worker_user, data=report_input())
    return services.attachment_add(
        actor=worker_user, report=report, name="belешка.txt", data=b"synthetic note\n"
    ).pk


@pytest.mark.urls(__name__)
def test_every_kind_of_response_has_the_security_headers(
    client, worker_user, make_user, monkeypatch
):
    from django.test import Client

    anonymous = Client(raise_request_exception=False)
    responses = {
        "page": anonymous.get("/login/"),
        "redirect to sign in": anonymous.get("/reports/"),
        "error page 404": anonymous.get("/no-such-page/"),
        "error page 500": anonymous.get("/test-crash/"),
        "CSRF refusal": Client(enforce_csrf_checks=True).post("/login/", {"username": "x"}),
        "API 401": anonymous.get("/api/v1/me"),
        "API 404 (unknown path)": anonymous.get("/api/v1/no-such-thing"),
        "API 405 (wrong method)": anonymous.delete("/api/v1/me"),
    }
    password_only = Client()
    password_only.force_login(
        make_user("worker", mfa=False), backend="zastita.accounts.backends.UsernameBackend"
    )
    responses["MFA gate 302"] = password_only.get("/reports/")
    responses["MFA gate API 401"] = password_only.get("/api/v1/me")
    sign_in(client, worker_user)
    responses["API 200"] = client.get("/api/v1/me")
    responses["API 413"] = client.post(
        "/api/v1/reports", "x" * (1024 * 1024 + 1), content_type="application/json"
    )
    monkeypatch.setattr("zastita.partners.api.organisation_list", _crash)
    responses["API 500"] = client.get("/api/v1/organisations")
    responses["file"] = client.get(f"/attachments/{_attachment_id(worker_user)}/")
    expected = {
        "page": 200, "redirect to sign in": 302, "error page 404": 404,
        "error page 500": 500, "CSRF refusal": 403, "API 401": 401,
        "API 404 (unknown path)": 404, "API 405 (wrong method)": 405, "API 413": 413,
        "API 500": 500, "MFA gate 302": 302, "MFA gate API 401": 401, "API 200": 200,
        "file": 200,
    }  # fmt: skip
    assert {k: r.status_code for k, r in responses.items()} == expected
    for kind, response in responses.items():
        try:
            assert_security_headers(response)
        except AssertionError as exc:
            raise AssertionError(f"{kind}: {exc}") from exc
    for kind in [k for k in expected if "API" in k and expected[k] >= 400]:
        assert set(responses[kind].json()["error"]) == {"code", "message", "fields"}, kind


def test_static_files_have_the_headers_but_may_be_cached(client, db):
    response = client.get("/static/zastita/app.css")
    assert response.status_code == 200
    assert_security_headers(response, cacheable=True)
