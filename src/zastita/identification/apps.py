"""App configuration for formal identification (the indicator rule engine for now)."""

from django.apps import AppConfig


class IdentificationConfig(AppConfig):
    name = "zastita.identification"
    label = "identification"
