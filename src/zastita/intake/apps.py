"""App configuration for reports, response clocks, notifications and the duty roster."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "zastita.intake"
    label = "intake"

    def ready(self) -> None:
        from zastita.core.home import register
        from zastita.intake.clocks import register_clock_kinds
        from zastita.intake.home import intake_items
        from zastita.intake.notifications import register_kinds

        register(intake_items)

        from zastita.intake import assignments

        # Reports are assigned records (the assignments platform).
        assignments.register()
        # The response clocks are deadlines of the platform, of three kinds: the platform's
        # own pass (`deadlines.scan`) takes their steps, with every other kind's.
        register_clock_kinds()
        register_kinds()

        from zastita.core import navigation

        navigation.register(
            navigation.NavEntry(_("Duty"), "intake:duty", "intake.see_duty", order=10),
            navigation.NavEntry(_("Reports"), "intake:report_list", "intake.view", order=20),
        )

        from zastita.core.registries import subject_access
        from zastita.intake.subject_access import reports_section

        subject_access.register(
            subject_access.SubjectAccessSection(
                "intake.reports", _("Reports"), 10, ("intake.ReportPerson",), reports_section
            )
        )

        from zastita.intake.documents import register_types

        # Forms 1 and 2 are official documents of the register.
        register_types()

        from zastita.core.registries import retention
        from zastita.intake.retention import RULES

        retention.register(*RULES)

        from zastita.core.registries import person_sections
        from zastita.intake.person_sections import reports_of_person

        # The person's page lists the reports about them that the viewer may see.
        person_sections.register(person_sections.PersonSection(
            "intake.reports", _("Reports"), 10, reports_of_person, _("None you may see."),
        ))  # fmt: skip
