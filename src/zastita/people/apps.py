"""App configuration for the person registry."""

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "zastita.people"
    label = "people"

    def ready(self) -> None:
        from zastita.core.home import register
        from zastita.people.home import reveal_items

        register(reveal_items)
