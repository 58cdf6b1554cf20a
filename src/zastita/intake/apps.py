"""App configuration for reports, response clocks, notifications and the duty roster."""

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "zastita.intake"
    label = "intake"

    def ready(self) -> None:
        from zastita.core.home import register
        from zastita.intake.home import intake_items

        register(intake_items)
