"""App configuration for the audit trail."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "zastita.audit"
    label = "audit"

    def ready(self) -> None:
        from zastita.audit import checks  # noqa: F401  (registers the start-up check)
        from zastita.audit.home import dpo_items
        from zastita.core.home import register

        register(dpo_items)

        from zastita.core import navigation

        navigation.register(
            navigation.NavEntry(
                _("Access log"), "audit:access_log", "audit.read_access_log", order=900
            )
        )

        from zastita.audit.retention import RULES
        from zastita.core.registries import retention

        retention.register(*RULES)
