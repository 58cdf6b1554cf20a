"""App configuration for the site: the wiring that may import every app."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "zastita.site"
    label = "site"
