"""Security headers on every response; no caching of pages; HSTS in production."""

from __future__ import annotations

import re

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
