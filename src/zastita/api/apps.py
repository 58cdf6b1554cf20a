"""App configuration for the API."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "zastita.api"
    label = "api"
