"""Every form keeps a draft unless it is one of the few that never may: a form's template
opting out (data-no-draft) or saving versions of its own (data-autosave-url) is listed here."""

from __future__ import annotations

import re
from pathlib import Path

import zastita

TEMPLATES = Path(zastita.__file__).parent

# Secrets are typed here, and nothing typed here is worth a draft.
NO_DRAFT = {
    "accounts/templates/accounts/login.html",
    "accounts/templates/accounts/mfa_verify.html",
    "accounts/templates/accounts/mfa_enrol.html",
    "accounts/templates/accounts/activation_enter.html",
    "accounts/templates/accounts/password_change.html",
}
# Written forms save a version of their own every 30 seconds (and when the session ends).
OWN_AUTOSAVE = {"writtenforms/templates/writtenforms/form.html"}


def _templates_with(marker: str) -> set[str]:
    found = set()
    for path in TEMPLATES.rglob("*.html"):
        for tag in re.findall(r"<form\b[^>]*>", path.read_text()):
            if marker in tag:
                found.add(str(path.relative_to(TEMPLATES)))
    return found


def test_only_the_listed_forms_keep_no_draft():
    assert _templates_with("data-no-draft") == NO_DRAFT


def test_only_written_forms_save_themselves():
    assert _templates_with("data-autosave-url") == OWN_AUTOSAVE
