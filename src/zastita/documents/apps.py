"""App configuration for the official documents (platform, L3)."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zastita.documents"
    label = "documents"
