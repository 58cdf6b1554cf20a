"""App configuration for assignments (platform, L3)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "zastita.assignments"
    label = "assignments"

    def ready(self) -> None:
        from zastita.assignments.retention import RULES
        from zastita.assignments.subject_access import assignments_section
        from zastita.core import navigation
        from zastita.core.registries import retention, subject_access

        navigation.register(
            navigation.NavEntry(
                _("Workload"), "assignments:workload", "assignments.workload", order=35
            ),
        )
        # Who worked on the person's records, which the domain sections before it name.
        subject_access.register(
            subject_access.SubjectAccessSection(
                "assignments.history", _("Assignments"), 105,
                ("assignments.AssignmentChange",), assignments_section,
            )
        )  # fmt: skip
        retention.register(*RULES)
