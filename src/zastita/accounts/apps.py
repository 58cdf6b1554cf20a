"""App configuration for accounts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "zastita.accounts"
    label = "accounts"

    def ready(self) -> None:
        from zastita.accounts import signals  # noqa: F401
        from zastita.accounts.home import activation_items, admin_items
        from zastita.core.home import register

        register(admin_items)
        register(activation_items)

        from zastita.accounts.capabilities import Capability
        from zastita.core.registries import capabilities

        # The capabilities accounts knows of; a later app registers its own the same way.
        for capability in Capability:
            capabilities.register(capability.value, capability.label)

        from zastita.accounts.selectors import role_names_by_code
        from zastita.audit.labels import register_role_names

        register_role_names(role_names_by_code)

        from zastita.core import navigation

        navigation.register(
            navigation.NavEntry(_("Users"), "accounts:user_list", "accounts.manage_users", 800),
            navigation.NavEntry(_("Roles"), "accounts:role_list", "accounts.manage_roles", 810),
            navigation.NavEntry(
                _("Activations"), "accounts:activation_list", "accounts.list_activations", 820
            ),
        )
