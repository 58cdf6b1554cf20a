"""App configuration for partners."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "zastita.partners"
    label = "partners"

    def ready(self) -> None:
        from zastita.core.home import register
        from zastita.partners.home import key_request_items

        register(key_request_items)

        from zastita.core import navigation

        navigation.register(
            navigation.NavEntry(
                _("Partners"), "partners:organisation_list", "partners.manage", order=830
            )
        )
