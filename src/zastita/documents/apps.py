"""App configuration for the official documents (platform, L3)."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zastita.documents"
    label = "documents"

    def ready(self) -> None:
        from django.core import checks

        from zastita.documents.checks import check_document_types

        checks.register(check_document_types)
