"""App configuration for reports, response clocks, notifications and the duty roster."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

REISSUE_MIGRATION = "0013_issue_documents_of_earlier_steps"


def issue_documents_after_migrate(*, plan: list[Any] | None = None, **kwargs: Any) -> None:
    """Once `migrate` has applied intake's migration 0013 (and every migration after it, so
    that today's code meets today's tables), the reports registered or decided before forms
    1 and 2 were documents get them (see that migration)."""
    applied = any(
        not backwards and m.app_label == "intake" and m.name == REISSUE_MIGRATION
        for m, backwards in plan or []
    )
    if applied:
        from zastita.intake.documents import reissue_for_existing_reports

        reissue_for_existing_reports()


class IntakeConfig(AppConfig):
    name = "zastita.intake"
    label = "intake"

    def ready(self) -> None:
        from zastita.intake import scopes

        # Its records' need-to-know scope, for break-the-glass and the access matrix.
        scopes.register()

        from zastita.intake import my_work

        my_work.register_section()  # its sections of "My work"

        from django.db.models.signals import post_migrate

        post_migrate.connect(issue_documents_after_migrate, sender=self)
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
