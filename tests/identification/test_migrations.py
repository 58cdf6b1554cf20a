"""Findings and opinion written before the written forms existed are carried over: every
version, its author and time, the approval, and the text encrypted again under the new
record (readable through the service, not under the old context)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from zastita.core.crypto import keyring
from zastita.identification.models import WrittenForm
from zastita.identification.services import form_text

from ..conftest import migrate_to

BEFORE = [("identification", "0002_rules_versions")]
AFTER = [("identification", "0003_written_forms_and_documents")]


@pytest.mark.django_db(transaction=True)
def test_findings_become_written_forms(worker_user, make_user, identification):
    head = make_user("head_of_service")
    old_apps = migrate_to(BEFORE)
    try:
        Findings = old_apps.get_model("identification", "Findings")
        FindingsVersion = old_apps.get_model("identification", "FindingsVersion")
        approved_at = timezone.now() - datetime.timedelta(days=1)
        findings = Findings.objects.create(
            identification_id=identification.pk, approved_version=2, approved_by_id=head.pk,
            approved_at=approved_at,
        )  # fmt: skip
        for number, opinion in ((1, "Прва верзија мишљења"), (2, "Друга верзија мишљења")):
            text = json.dumps({"opinion": opinion}, ensure_ascii=False)
            context = f"identification:findings:{findings.pk}:v{number}".encode()
            FindingsVersion.objects.create(
                findings=findings, number=number, autosaved=number == 1,
                sections=keyring().encrypt(text, context=context), saved_by_id=worker_user.pk,
                saved_at=approved_at - datetime.timedelta(hours=3 - number),
            )  # fmt: skip
    finally:
        migrate_to(AFTER)
    form = WrittenForm.objects.get()
    assert (form.identification_id, form.kind) == (identification.pk, "findings")
    assert (form.approved_version, form.approved_by_id, form.approved_at) == (
        2, head.pk, approved_at
    )  # fmt: skip
    versions = list(form.versions.order_by("number"))
    assert [(v.number, v.autosaved, v.saved_by_id) for v in versions] == [
        (1, True, worker_user.pk), (2, False, worker_user.pk)
    ]  # fmt: skip
    assert form_text(versions[1]) == {"opinion": "Друга верзија мишљења"}


@pytest.mark.django_db(transaction=True)
def test_going_back_is_refused_once_forms_exist(worker_user, identification):
    from zastita.identification.services import form_save

    form_save(actor=worker_user, identification=identification, kind="needs",
              sections={"priorities": "Смештај"}, base_version=0)  # fmt: skip
    with pytest.raises(RuntimeError):
        migrate_to(BEFORE)
    assert WrittenForm.objects.count() == 1
