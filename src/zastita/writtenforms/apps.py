"""App configuration for writtenforms (platform, L3)."""

from django.apps import AppConfig


class WrittenformsConfig(AppConfig):
    name = "zastita.writtenforms"
    label = "writtenforms"
