"""App configuration for deadlines (platform, L3)."""

from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "zastita.deadlines"
    label = "deadlines"
