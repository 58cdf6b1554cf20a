"""Every PDF is made with nothing fetched from outside the document: a template that names a
file or a web address gets nothing from it; a data: URI still works."""

from __future__ import annotations

import base64
import io

from pypdf import PdfReader

from zastita.core.pdf_render import html_to_pdf

# A 1x1 PNG.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a90000000049454e44ae426082"
    )
).decode()


def test_a_file_named_by_a_template_is_never_read_into_the_pdf(tmp_path):
    secret = tmp_path / "environ"
    secret.write_text("ZASTITA_SECRET_KEY=tajna-vrednost-123")
    html = (
        f'<html><head><link rel="attachment" href="file://{secret}"></head>'
        f'<body><p>Текст</p><img src="file://{secret}"><img src="http://127.0.0.1:9/x.png">'
        "</body></html>"
    )
    pdf = html_to_pdf(html)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert b"tajna-vrednost" not in pdf


def test_a_data_uri_is_still_drawn():
    pdf = html_to_pdf(f'<html><body><img src="data:image/png;base64,{PIXEL}"></body></html>')
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert page.images  # the pixel is in the page
