"""The Word copy (DOCX) of a document the Center edits by hand before signing: made once from
the type's DOCX template when the document is issued, stored encrypted, served as stored and
read back with python-docx; DOCX templates are versions the head of service uploads,
refused with the reason when they cannot be filled in."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as WordDocument

from zastita.audit.models import Action
from zastita.core.errors import ValidationError
from zastita.core.files import read
from zastita.core.registries.documents import DocumentType, document_types
from zastita.documents.models import Document, DocumentTemplate, EditableCopy, TemplateKind
from zastita.documents.public import document_correct, document_issue
from zastita.documents.services import docx_template_save

from ..conftest import events, sign_in
from .conftest import TOY

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.documents.urls")]
MISSING = 999999
HAND = dataclasses.replace(
    TOY, code="toy.letter", edited_by_hand=True, docx_lines=("Играчка: {{ toy_name }}",)
)


@pytest.fixture
def hand_type() -> Iterator[DocumentType]:
    document_types.register(HAND.code, HAND)
    yield HAND
    document_types.unregister(HAND.code)


def word(*lines: str) -> bytes:
    document = WordDocument()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_of(data: bytes) -> str:
    return "\n".join(p.text for p in WordDocument(io.BytesIO(data)).paragraphs)


def issue(actor, subject_id: int = 5) -> Document:
    return document_issue(
        actor=actor, type_code=HAND.code, subject_id=subject_id, step_key=f"toy:{subject_id}"
    )


def test_issuing_makes_and_stores_the_word_copy(hand_type, worker_user, files_dir):
    document = issue(worker_user)
    copy = EditableCopy.objects.get(document=document)
    assert (copy.template.kind, copy.template.version) == (TemplateKind.DOCX, 1)
    # Stored encrypted, under a name of its own beside the PDF's.
    assert copy.storage_name != document.storage_name
    on_disk = (files_dir / copy.storage_name).read_bytes()
    assert not on_disk.startswith(b"PK")
    text = text_of(read(copy.storage_name))
    assert f"Број: {document.registry_number}" in text
    assert "Играчка: Дрвени коњић 5" in text
    assert worker_user.full_name in text
    # Nobody's name is left in the file's properties.
    properties = WordDocument(io.BytesIO(read(copy.storage_name))).core_properties
    assert (properties.author, properties.last_modified_by) == ("", "")


def test_a_type_not_edited_by_hand_has_no_word_copy(toy_type, worker_user):
    document = document_issue(actor=worker_user, type_code=TOY.code, subject_id=5, step_key="t")
    assert not EditableCopy.objects.filter(document=document).exists()


def test_the_download_serves_the_stored_copy_and_records_it(client, hand_type, worker_user):
    document = issue(worker_user)
    sign_in(client, worker_user)
    url = reverse("documents:download_docx", args=[document.pk])
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content == read(document.editable.storage_name)
    assert first["Content-Disposition"].endswith('.docx"')
    assert document.registry_number.replace("/", "-") in first["Content-Disposition"]
    assert first["Content-Type"].startswith("application/vnd.openxmlformats")
    printed = [e for e in events(actor=worker_user) if e.action == Action.PRINT]
    assert {(e.object_type, e.object_id) for e in printed} >= {("document", str(document.pk))}
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert url in page


def test_the_download_is_the_missing_page_for_who_may_not_see(client, hand_type, worker_user,
                                                              make_user):  # fmt: skip
    document = issue(worker_user)
    analyst = make_user("analyst")
    sign_in(client, analyst)
    forbidden = client.get(reverse("documents:download_docx", args=[document.pk]))
    missing = client.get(reverse("documents:download_docx", args=[MISSING]))
    assert forbidden.status_code == missing.status_code == 404
    assert {e.action for e in events(actor=analyst)} == {Action.DENIED}


def test_a_document_without_a_word_copy_has_no_download(client, toy_type, worker_user):
    document = document_issue(actor=worker_user, type_code=TOY.code, subject_id=5, step_key="t")
    sign_in(client, worker_user)
    assert client.get(reverse("documents:download_docx", args=[document.pk])).status_code == 404


def test_a_cancelled_documents_copy_is_not_given_out(client, hand_type, worker_user, make_user):
    document = issue(worker_user)
    head = make_user("head_of_service", username="head1")
    new = document_correct(actor=head, document=document, reason="Погрешно стање играчке.")
    sign_in(client, worker_user)
    refused = client.get(reverse("documents:download_docx", args=[document.pk]))
    assert refused.status_code == 409
    assert "поништен" in refused.content.decode()
    assert refused["Content-Type"].startswith("text/html")
    # The correction has its own copy, with its own number.
    fresh = client.get(reverse("documents:download_docx", args=[new.pk]))
    assert new.registry_number in text_of(fresh.content)


# --- DOCX templates ---


def test_an_uploaded_template_is_the_next_version_and_makes_new_copies(
    hand_type, worker_user, make_user
):
    head = make_user("head_of_service", username="head1")
    old = issue(worker_user, subject_id=5)
    saved = docx_template_save(
        actor=head, type_code=HAND.code,
        data=word("ДОПИС {{ registry_number }}", "{% for p in [toy_name] %}{{ p }}{% endfor %}"),
    )  # fmt: skip
    # The shipped template stays in the history as version 1.
    assert saved.version == 2
    assert list(
        DocumentTemplate.objects.filter(type_code=HAND.code, kind=TemplateKind.DOCX)
        .order_by("version")
        .values_list("version", flat=True)
    ) == [1, 2]
    new = issue(worker_user, subject_id=6)
    assert new.editable.template == saved
    assert f"ДОПИС {new.registry_number}" in text_of(read(new.editable.storage_name))
    assert "Дрвени коњић 6" in text_of(read(new.editable.storage_name))
    # The earlier document keeps the copy it was issued with.
    assert "Играчка: Дрвени коњић 5" in text_of(read(old.editable.storage_name))


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "изаберите Word датотеку"),
        (b"not a word file", "није Word документ"),
        (word("{{ toy_name "), "ознака је погрешно написана"),
        (word("{{ toy_nme }}"), "не постоји вредност „toy_nme”"),
        (word("{{ toy_name.__class__.__mro__ }}"), "не сме да користи"),
        (word("Особа је жртва трговине људима."), "не сме да наводи"),
    ],
)
def test_a_template_that_cannot_be_used_is_refused_with_the_reason(
    hand_type, make_user, data, says
):
    head = make_user("head_of_service", username="head1")
    with pytest.raises(ValidationError) as refused:
        docx_template_save(actor=head, type_code=HAND.code, data=data)
    assert says in " ".join(refused.value.fields["docx"])
    assert not DocumentTemplate.objects.filter(kind=TemplateKind.DOCX).exists()


def test_a_template_with_macros_is_refused(hand_type, make_user):
    head = make_user("head_of_service", username="head1")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "a") as archive, zipfile.ZipFile(io.BytesIO(word("x"))) as source:
        for item in source.namelist():
            archive.writestr(item, source.read(item))
        archive.writestr("word/vbaProject.bin", b"macro")
    with pytest.raises(ValidationError) as refused:
        docx_template_save(actor=head, type_code=HAND.code, data=out.getvalue())
    assert "макро" in " ".join(refused.value.fields["docx"])


def test_the_template_page_takes_a_word_template(client, hand_type, make_user):
    head = make_user("head_of_service", username="head1")
    sign_in(client, head)
    url = reverse("documents:template", args=[HAND.code])
    page = client.get(url).content.decode()
    assert reverse("documents:template_docx", args=[HAND.code]) in page
    upload = SimpleUploadedFile("letter.docx", word("ДОПИС {{ registry_number }}"))
    response = client.post(url, {"docx_upload": "1", "docx": upload})
    assert response.status_code == 302
    assert DocumentTemplate.objects.get(kind=TemplateKind.DOCX, version=2).author == head
    shipped = client.get(reverse("documents:template_docx", args=[HAND.code]))
    assert shipped.status_code == 200
    assert "ДОПИС {{ registry_number }}" in text_of(shipped.content)


def test_the_template_page_shows_a_refused_word_template_at_its_field(client, hand_type, make_user):
    head = make_user("head_of_service", username="head1")
    sign_in(client, head)
    url = reverse("documents:template", args=[HAND.code])
    upload = SimpleUploadedFile("letter.docx", word("{{ toy_nme }}"))
    response = client.post(url, {"docx_upload": "1", "docx": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_docx"' in html
    assert "toy_nme" in html
    assert not DocumentTemplate.objects.filter(kind=TemplateKind.DOCX).exists()


def test_the_word_template_is_the_missing_page_for_others(client, hand_type, toy_type,
                                                          worker_user):  # fmt: skip
    sign_in(client, worker_user)
    assert client.get(reverse("documents:template_docx", args=[HAND.code])).status_code == 404
    upload = SimpleUploadedFile("letter.docx", word("x"))
    posted = client.post(
        reverse("documents:template", args=[HAND.code]), {"docx_upload": "1", "docx": upload}
    )
    assert posted.status_code == 404
    assert not DocumentTemplate.objects.filter(kind=TemplateKind.DOCX).exists()
    # A type not edited by hand has no Word template, even for the head of service.
    assert client.get(reverse("documents:template_docx", args=["nope"])).status_code == 404
