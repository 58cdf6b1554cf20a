"""App configuration for formal identification."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentificationConfig(AppConfig):
    name = "zastita.identification"
    label = "identification"

    def ready(self) -> None:
        from zastita.identification import selectors
        from zastita.intake import public as intake

        # Intake sits below: its report page, timeline and field-visit clock ask through
        # these slots what only identification knows.
        intake.report_person_identifications.provide(selectors.identifications_by_report_person)
        intake.report_persons_seen.provide(selectors.report_persons_seen)
        intake.report_timeline_rows.provide(selectors.report_timeline_rows)

        from zastita.core import navigation

        navigation.register(
            navigation.NavEntry(
                _("Identifications"), "identification:list", "identification.view", order=40
            ),
            navigation.NavEntry(
                _("Indicators"), "identification:rules", "identification.view", order=45
            ),
        )

        from zastita.core.registries import subject_access
        from zastita.identification.subject_access import identifications_section

        subject_access.register(
            subject_access.SubjectAccessSection(
                "identification.identifications", _("Identifications"), 20,
                ("identification.Identification", "identification.Interview",
                 "identification.Assessment", "identification.Decision",
                 "identification.Proceeding", "identification.Attachment"),
                identifications_section,
            )
        )  # fmt: skip
