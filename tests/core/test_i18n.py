"""Cyrillic by default, Latin derived from it, English on request, and the choice persists."""

from __future__ import annotations

from pathlib import Path

from django.utils import translation
from django.utils.formats import date_format, number_format

from zastita.core.i18n_derive import derive

from ..conftest import sign_in

LOCALE = Path(__file__).resolve().parents[2] / "src" / "zastita" / "locale"


def test_default_language_is_serbian_cyrillic(client, db):
    response = client.get("/login/")
    assert response["Content-Language"] == "sr"
    html = response.content.decode()
    assert '<html lang="sr">' in html
    assert "Пријављивање" in html
    assert "Sign in" not in html


def test_the_browser_language_does_not_override_the_default(client, db):
    response = client.get("/login/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "sr"
    assert "Пријављивање" in response.content.decode()


def test_latin_and_english_on_request_and_the_choice_is_kept(client, db):
    client.post("/language/", {"language": "sr-latn", "next": "/login/"})
    html = client.get("/login/").content.decode()
    assert "Prijavljivanje" in html
    assert "Пријављивање" not in html
    client.post("/language/", {"language": "en", "next": "/login/"})
    assert "Sign in" in client.get("/login/").content.decode()


def test_a_signed_in_users_choice_is_stored_on_the_account(client, worker_user):
    sign_in(client, worker_user)
    response = client.post("/language/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    worker_user.refresh_from_db()
    assert worker_user.language == "en"


def test_an_unknown_language_is_refused(client, db):
    response = client.post("/language/", {"language": "xx", "next": "/"})
    assert response.status_code == 400
    assert "zastita_language" not in response.cookies


def test_language_switch_does_not_redirect_off_site(client, db):
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_serbian_date_and_number_formats():
    import datetime

    day = datetime.date(2026, 11, 22)
    with translation.override("sr"):
        assert date_format(day) == "22. новембра 2026."  # the month in the genitive
        assert number_format(1234.5, 1, force_grouping=True) == "1.234,5"
    with translation.override("sr-latn"):
        assert date_format(day) == "22. novembra 2026."


def test_latin_catalogue_is_derived_from_the_cyrillic_one():
    cyrillic = (LOCALE / "sr" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    latin = (LOCALE / "sr_Latn" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert latin == derive(cyrillic)
    assert '"Language: sr_Latn\\n"' in latin


def test_derivation_keeps_msgids_and_placeholders():
    po = 'msgid "Welcome, %(name)s"\nmsgstr "Добродошли, %(name)s"\n'
    assert derive(po) == 'msgid "Welcome, %(name)s"\nmsgstr "Dobrodošli, %(name)s"\n'


def test_every_message_is_translated():
    import subprocess

    result = subprocess.run(
        ["msgattrib", "--untranslated", str(LOCALE / "sr" / "LC_MESSAGES" / "django.po")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == ""
