"""Forms 3-5 become official documents when approved: the approved version's text, section by
section, numbered and stored, with the form's author and its approver; a return with comments
issues nothing."""

from __future__ import annotations

import subprocess

import pytest

from zastita.core.files import read
from zastita.documents.models import Document
from zastita.identification.models import FormKind
from zastita.identification.services import form_approve, form_save
from zastita.writtenforms.public import WrittenForm, form_return

SECTIONS = {
    "basis": "Разговор са особом у канцеларији Центра.",
    "findings": "Налаз: присутни индикатори принуде на рад.",
    "assessment": "Процена тима.",
    "opinion": "Мишљење тима о статусу.",
    "recommendations": "Смештај и правна помоћ.",
}


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return " ".join(out.split())


@pytest.mark.django_db
def test_approved_findings_are_issued_once_as_a_numbered_document(
    worker_user, make_user, identification, tmp_path, settings
):
    settings.ZASTITA_ATTACHMENTS_DIR = tmp_path
    head = make_user("head_of_service", username="head1")
    form_save(actor=worker_user, identification=identification, kind=FormKind.FINDINGS,
              sections=SECTIONS, base_version=0)  # fmt: skip
    form = WrittenForm.objects.get(subject_type="identification", subject_id=identification.pk)
    form_return(actor=head, form=form, version=1, comments="Допунити налаз датумима.")
    assert not Document.objects.filter(type_code="identification.findings").exists()
    revised = {**SECTIONS, "findings": "Налаз: присутни индикатори принуде на рад од 3. маја."}
    form_save(actor=worker_user, identification=identification, kind=FormKind.FINDINGS,
              sections=revised, base_version=1)  # fmt: skip
    form_approve(actor=head, form=form, version=2)
    document = Document.objects.get(type_code="identification.findings")
    assert (document.subject_type, document.subject_id) == ("identification", identification.pk)
    assert (document.author_id, document.approver_id) == (worker_user.pk, head.pk)
    text = _text(read(document.storage_name), tmp_path)
    assert "од 3. маја" in text  # the approved version, not the returned one
    assert document.registry_number in text
    assert identification.person.code in text
    assert "НАЛАЗ И МИШЉЕЊЕ" in text.upper()


@pytest.mark.django_db
def test_the_author_cannot_approve_their_own_form(make_user, identification):
    from zastita.core.errors import ApplicationError

    # A head of service may approve forms, but not one they wrote themselves.
    author = make_user("head_of_service", username="head.author")
    form_save(actor=author, identification=identification, kind=FormKind.FINDINGS,
              sections=SECTIONS, base_version=0)  # fmt: skip
    form = WrittenForm.objects.get(subject_type="identification", subject_id=identification.pk)
    with pytest.raises(ApplicationError) as refused:
        form_approve(actor=author, form=form, version=1)
    # The four-eyes rule itself said no (not a missing permission).
    assert "одобрава га друга особа" in str(refused.value.fields["__all__"])
    form.refresh_from_db()
    assert form.approved_version is None
    assert not Document.objects.filter(type_code="identification.findings").exists()


@pytest.mark.django_db
def test_an_approved_forms_document_is_corrected_with_the_approved_text(
    client, worker_user, make_user, identification, tmp_path, settings
):
    """A correction (say the frame printed a wrong date) is a new document with the same
    approved text, under the names of who wrote and approved it; a correction of the
    correction keeps it too. The written form itself does not change."""
    from ..conftest import sign_in

    settings.ZASTITA_ATTACHMENTS_DIR = tmp_path
    head = make_user("head_of_service", username="head1")
    other_head = make_user("head_of_service", username="head2")
    form_save(actor=worker_user, identification=identification, kind=FormKind.FINDINGS,
              sections=SECTIONS, base_version=0)  # fmt: skip
    form = WrittenForm.objects.get(subject_type="identification", subject_id=identification.pk)
    form_approve(actor=head, form=form, version=1)
    document = Document.objects.get(type_code="identification.findings")
    sign_in(client, other_head)
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert f"/documents/{document.pk}/correct/" in page
    # Bad input first: no reason, nothing issued.
    refused = client.post(f"/documents/{document.pk}/correct/", {"reason": ""})
    assert refused.status_code == 200
    assert not Document.objects.filter(step_key=f"correction:{document.pk}").exists()
    done = client.post(f"/documents/{document.pk}/correct/", {"reason": "Погрешан датум."})
    assert done.status_code == 302
    correction = Document.objects.get(step_key=f"correction:{document.pk}")
    again = client.post(f"/documents/{correction.pk}/correct/", {"reason": "Поново датум."})
    assert again.status_code == 302
    second = Document.objects.get(step_key=f"correction:{correction.pk}")
    for made in (correction, second):
        assert (made.author_id, made.approver_id) == (worker_user.pk, head.pk)
        text = _text(read(made.storage_name), tmp_path)
        assert SECTIONS["findings"] in text
        assert SECTIONS["opinion"] in text
        assert made.registry_number in text
    document.refresh_from_db()
    assert document.cancelled_by == correction
    form.refresh_from_db()
    assert (form.approved_version, form.versions.count()) == (1, 1)
