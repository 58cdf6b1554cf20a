"""Reports registered and decided before forms 1 and 2 were issued as documents get them from
a data migration: dated when the step happened, marked as issued later, once."""

from __future__ import annotations

import datetime
import subprocess

import pytest
from django.utils import timezone

from zastita.core.files import read
from zastita.documents.models import Document, EditableCopy
from zastita.intake.documents import reissue_for_existing_reports
from zastita.intake.models import Status
from zastita.intake.services import report_create, report_transition

from .conftest import report_input


@pytest.mark.django_db
def test_existing_reports_get_their_note_and_decision_dated_when_the_step_happened(
    worker_user, tmp_path, settings
):
    settings.ZASTITA_ATTACHMENTS_DIR = tmp_path
    report = report_create(actor=worker_user, data=report_input(
        received_at=timezone.now() - datetime.timedelta(days=3)
    ))  # fmt: skip
    report = report_transition(actor=worker_user, report=report, to=Status.REGISTERED)
    report = report_transition(actor=worker_user, report=report, to=Status.ACCEPTED)
    # As before this version: the steps were taken, no document was issued.
    EditableCopy.objects.all().delete()
    Document.objects.all().delete()
    untouched = report_create(actor=worker_user, data=report_input())  # only received

    assert reissue_for_existing_reports() == 2
    note, decision = Document.objects.order_by("type_code").filter(subject_id=report.pk)[::-1]
    steps = {t.to_status: t for t in report.transitions.all()}
    assert (decision.type_code, note.type_code) == ("intake.decision", "intake.note")
    assert note.issued_at == steps[Status.REGISTERED].at
    assert decision.issued_at == steps[Status.ACCEPTED].at
    assert note.reissued
    assert decision.reissued
    # The decision is edited by hand, but one issued later gets no copy to edit.
    assert not EditableCopy.objects.exists()
    assert note.author_id == worker_user.pk
    assert not Document.objects.filter(subject_id=untouched.pk).exists()
    path = tmp_path / "note.pdf"
    path.write_bytes(read(note.storage_name))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert note.registry_number in " ".join(text.split())
    # Run again (a migration re-applied): nothing more.
    assert reissue_for_existing_reports() == 2
    assert Document.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_issues_them_on_an_upgraded_database(worker_user, tmp_path, settings):
    """A database from before migration 0013 (a registered report, no documents) upgraded
    by `migrate`: the documents are issued once the whole schema is in place."""
    from django.core.management import call_command

    from ..conftest import migrate_to

    settings.ZASTITA_ATTACHMENTS_DIR = tmp_path
    report = report_create(actor=worker_user, data=report_input())
    report = report_transition(actor=worker_user, report=report, to=Status.REGISTERED)
    EditableCopy.objects.all().delete()  # as on a database from before this version
    Document.objects.all().delete()
    migrate_to([("intake", "0012_clocks_to_deadlines")])
    call_command("migrate", verbosity=0)
    [note] = Document.objects.filter(subject_id=report.pk)
    assert (note.type_code, note.reissued) == ("intake.note", True)
