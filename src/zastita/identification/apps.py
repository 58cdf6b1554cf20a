"""App configuration for formal identification."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentificationConfig(AppConfig):
    name = "zastita.identification"
    label = "identification"

    def ready(self) -> None:
        from zastita.identification import scopes

        # Its records' need-to-know scope, for break-the-glass and the access matrix.
        scopes.register()

        from zastita.identification import my_work

        my_work.register_sections()  # its sections of "My work"

        from zastita.identification import assignments, selectors

        # Identifications are assigned records (the assignments platform).
        assignments.register()
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

        # The written forms are specs of the writtenforms platform (their sections, who
        # writes and approves them, and who on the decision's panel may not approve).
        from zastita.identification.written import FORMS
        from zastita.writtenforms.public import register

        for spec in FORMS.values():
            register(spec)

        # The notification a head of service gets when a decision awaits approval: the
        # report's number, and a link to the identification at its decisions.
        from zastita.core.registries.notifications import (
            EMAIL,
            IN_APP,
            NotificationKindSpec,
            notification_kinds,
        )
        from zastita.identification.models import Decision

        def approval_text(decision_id: int, language: str) -> str:
            from django.utils import translation
            from django.utils.translation import gettext

            related = "identification__report_person__report"
            decision = Decision.objects.select_related(related).get(pk=decision_id)
            number = decision.identification.report_person.report.number
            with translation.override(language):
                words = gettext("Report %(number)s: a decision awaits approval")
            return words % {"number": number}

        def approval_link(subject_type: str, subject_id: int) -> str:
            from django.urls import reverse

            decision = Decision.objects.only("identification_id").get(pk=subject_id)
            return (
                reverse("identification:detail", args=[decision.identification_id])
                + f"#decision-{subject_id}"
            )

        if "approval" not in notification_kinds:  # a second ready() in tests
            notification_kinds.register("approval", NotificationKindSpec(
                code="approval", label=_("awaiting approval"), text=approval_text,
                link=approval_link, channels=(IN_APP, EMAIL), urgent=False,
            ))  # fmt: skip

        from zastita.identification.documents import issue_approved, register_types
        from zastita.writtenforms.public import on_approved

        # Forms 3-5 become numbered documents when approved.
        register_types()
        on_approved.register("identification.documents", issue_approved)

        navigation.register(
            navigation.NavEntry(
                _("Written forms"), "writtenforms:specs", "identification.manage_rules", order=46
            )
        )

        from zastita.core.registries import retention
        from zastita.identification.retention import RULES

        retention.register(*RULES)

        from zastita.core.registries import person_sections
        from zastita.identification.person_sections import identifications_of_person

        # The person's page lists their identifications and the decision in force.
        person_sections.register(person_sections.PersonSection(
            "identification.identifications", _("Identifications"), 20,
            identifications_of_person, _("None you may see."),
        ))  # fmt: skip
