"""App configuration for the shared core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zastita.core"
    label = "core"
