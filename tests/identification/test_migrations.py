"""Written forms carried over by migrations: findings and opinion written before the written
forms existed became written forms of identification (0003); then identification's written
forms moved onto the writtenforms platform (0005) with their whole history: every version,
its author and time, the approval, and the text encrypted again under the platform's record
(readable through the platform, not under the old context). Going back is refused once a
form exists."""

from __future__ import annotations

import datetime
import json

import pytest
from cryptography.exceptions import InvalidTag
from django.utils import timezone

from zastita.core.crypto import keyring
from zastita.writtenforms.models import FormReview, SpecVersion, WrittenForm
from zastita.writtenforms.selectors import version_text

from ..conftest import latest, migrate_to

BEFORE = [("identification", "0002_rules_versions")]
AFTER = [("identification", "0003_written_forms_and_documents")]
BEFORE_PLATFORM = [("identification", "0004_places_and_panel_encrypted")]


def _old_context(form_id: int, number: int) -> bytes:
    return f"identification:written_form:{form_id}:v{number}".encode()


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
        after = migrate_to(AFTER)
    form = after.get_model("identification", "WrittenForm").objects.get()
    assert (form.identification_id, form.kind) == (identification.pk, "findings")
    assert (form.approved_version, form.approved_by_id, form.approved_at) == (
        2, head.pk, approved_at
    )  # fmt: skip
    versions = list(form.versions.order_by("number"))
    assert [(v.number, v.autosaved, v.saved_by_id) for v in versions] == [
        (1, True, worker_user.pk), (2, False, worker_user.pk)
    ]  # fmt: skip
    raw = keyring().decrypt(versions[1].sections, context=_old_context(form.pk, 2))
    assert json.loads(raw) == {"opinion": "Друга верзија мишљења"}


@pytest.mark.django_db(transaction=True)
def test_written_forms_move_onto_the_platform_with_their_history(
    worker_user, make_user, identification
):
    head = make_user("head_of_service")
    old_apps = migrate_to(BEFORE_PLATFORM)
    approved_at = timezone.now() - datetime.timedelta(days=1)
    try:
        OldForm = old_apps.get_model("identification", "WrittenForm")
        OldVersion = old_apps.get_model("identification", "WrittenFormVersion")
        findings = OldForm.objects.create(
            identification_id=identification.pk, kind="findings", approved_version=2,
            approved_by_id=head.pk, approved_at=approved_at,
        )  # fmt: skip
        needs = OldForm.objects.create(identification_id=identification.pk, kind="needs")
        rows = [(findings, 1, True, "Прва верзија"), (findings, 2, False, "Друга верзија"),
                (needs, 1, True, "Смештај, пола реченице")]  # fmt: skip
        for form, number, autosaved, opinion in rows:
            text = json.dumps({"opinion": opinion}, ensure_ascii=False)
            OldVersion.objects.create(
                form=form, number=number, autosaved=autosaved, saved_by_id=worker_user.pk,
                sections=keyring().encrypt(text, context=_old_context(form.pk, number)),
                saved_at=approved_at - datetime.timedelta(hours=3 - number),
            )  # fmt: skip
        old_ids = {findings.pk, needs.pk}
    finally:
        migrate_to(latest("identification"))
    moved = {f.code: f for f in WrittenForm.objects.all()}
    assert set(moved) == {"findings", "needs"}
    # Each keeps its id, so the access log's events about it still point at it; a new form
    # gets an id above them.
    assert {f.pk for f in moved.values()} == old_ids
    later = WrittenForm.objects.create(code="identification", subject_type="identification",
                                       subject_id=identification.pk)  # fmt: skip
    assert later.pk > max(old_ids)
    later.delete()
    form = moved["findings"]
    assert (form.subject_type, form.subject_id) == ("identification", identification.pk)
    assert (form.status, form.approved_version, form.approved_by_id, form.approved_at) == (
        "approved", 2, head.pk, approved_at
    )  # fmt: skip
    versions = list(form.versions.order_by("number"))
    assert [(v.number, v.autosaved, v.saved_by_id, v.spec_version) for v in versions] == [
        (1, True, worker_user.pk, 1), (2, False, worker_user.pk, 1)
    ]  # fmt: skip
    assert version_text(versions[1]) == {"opinion": "Друга верзија"}
    # Bound to the platform's record: the old associated data no longer opens it.
    for old_id in old_ids:
        with pytest.raises(InvalidTag):  # bound to the new record
            keyring().decrypt(versions[1].sections, context=_old_context(old_id, 2))
    review = FormReview.objects.get(form=form)
    assert (review.outcome, review.version, review.reviewer_id) == ("approved", 2, head.pk)
    assert moved["needs"].status == "draft"
    assert version_text(moved["needs"].versions.get()) == {"opinion": "Смештај, пола реченице"}
    # Version 1 of each of the four specs is seeded.
    assert set(SpecVersion.objects.filter(number=1).values_list("code", flat=True)) >= {
        "identification", "personal", "needs", "findings"
    }  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_going_back_is_refused_once_forms_exist(worker_user, identification):
    from zastita.identification.services import form_save

    form_save(actor=worker_user, identification=identification, kind="needs",
              sections={"priorities": "Смештај"}, base_version=0)  # fmt: skip
    with pytest.raises(RuntimeError):
        migrate_to(BEFORE_PLATFORM)
    assert WrittenForm.objects.count() == 1
