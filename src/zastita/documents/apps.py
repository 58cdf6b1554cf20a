"""App configuration for the official documents (platform, L3)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "zastita.documents"
    label = "documents"

    def ready(self) -> None:
        from django.core import checks

        from zastita.documents.checks import check_document_types

        checks.register(check_document_types)

        from zastita.core import navigation
        from zastita.core.registries import subject_access
        from zastita.documents.subject_access import documents_section

        navigation.register(
            navigation.NavEntry(_("Documents"), "documents:register", "documents.view", order=50)
        )
        # The documents about the person's records (reports, identifications, …), which the
        # domain sections before it name.
        subject_access.register(
            subject_access.SubjectAccessSection(
                "documents.documents",
                _("Official documents"),
                100,
                ("documents.Document", "documents.IncomingDocument"),
                documents_section,
            )
        )

        from zastita.core.registries import retention
        from zastita.documents.retention import RULES

        retention.register(*RULES)
