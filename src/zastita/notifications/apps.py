"""App configuration for notifications (platform, L3)."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "zastita.notifications"
    label = "notifications"
