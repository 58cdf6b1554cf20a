"""HTML to PDF/A, with nothing fetched from outside the document.

Every PDF the system makes goes through here. WeasyPrint would otherwise fetch any URL a
template names (file://, http://), and document templates are data a head of service edits:
a `<link rel="attachment" href="file:///proc/self/environ">` would put the server's keys in
a PDF, and an `<img src="https://…?{{ text }}">` would send case text away while the PDF is
made. Only `data:` URIs are read; fonts come from the system's fontconfig, not from URLs.
"""

from __future__ import annotations

from typing import Any


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=html, url_fetcher=_fetcher()).write_pdf(pdf_variant="pdf/a-3b"))
