"""App configuration for partners."""

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "zastita.partners"
    label = "partners"
