"""App configuration for partners."""

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "zastita.partners"
    label = "partners"

    def ready(self) -> None:
        from zastita.core.home import register
        from zastita.partners.home import key_request_items

        register(key_request_items)
