"""A toy domain type registered for the tests (subject "toy"), taken away after each test,
and the users who issue, correct and read documents."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from zastita.accounts.models import User
from zastita.core.registries.documents import DocumentType, document_types

TOY_TEMPLATE = """<h1>ЗАПИСНИК О ИГРАЧКИ</h1>
<p>Играчка: {{ toy_name }}</p>
<p>Стање: {{ condition }}</p>
"""


def toy_context(subject_id: int) -> dict[str, Any]:
    return {"toy_name": f"Дрвени коњић {subject_id}", "condition": "очуван"}


def toy_sample() -> dict[str, Any]:
    return {"toy_name": "Пример играчке", "condition": "пример"}


TOY = DocumentType(
    code="toy.minutes", label="Toy minutes", subject_type="toy", subject_label="toy",
    context=toy_context, default_template=TOY_TEMPLATE, sample_context=toy_sample,
    addressed_outside=True, can_view=lambda user, subject_id: True,
)  # fmt: skip


@pytest.fixture
def toy_type() -> Iterator[DocumentType]:
    document_types.register(TOY.code, TOY)
    yield TOY
    document_types.unregister(TOY.code)


@pytest.fixture(autouse=True)
def files_dir(tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "attachments"
    with override_settings(ZASTITA_ATTACHMENTS_DIR=directory):
        yield directory


def stored_files(directory: Path) -> list[Path]:
    return list(directory.iterdir()) if directory.exists() else []


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


@pytest.fixture
def head(make_user) -> User:
    return make_user("head_of_service", username="head1")


@pytest.fixture
def director(make_user) -> User:
    return make_user("director", username="director1")
