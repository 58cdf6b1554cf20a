"""App configuration for the person registry."""

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "zastita.people"
    label = "people"
