"""App configuration for drafts of unsubmitted forms."""

from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "zastita.drafts"
    label = "drafts"

    def ready(self) -> None:
        from zastita.core.home import register
        from zastita.drafts.home import draft_items

        register(draft_items)
