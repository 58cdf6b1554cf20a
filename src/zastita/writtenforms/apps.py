"""App configuration for writtenforms (platform, L3)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WrittenformsConfig(AppConfig):
    name = "zastita.writtenforms"
    label = "writtenforms"

    def ready(self) -> None:
        from zastita.writtenforms import my_work

        my_work.register_sections()  # its sections of "My work"

        from zastita.core.registries import subject_access
        from zastita.writtenforms.subject_access import written_forms_section

        # After the domain sections, which name the person's records (the subjects).
        subject_access.register(
            subject_access.SubjectAccessSection(
                "writtenforms.forms", _("Written forms"), 80,
                ("writtenforms.WrittenForm", "writtenforms.FormVersion",
                 "writtenforms.FormReview"),
                written_forms_section,
            )
        )  # fmt: skip

        from zastita.core.registries import retention
        from zastita.writtenforms.retention import RULES

        retention.register(*RULES)
