"""App configuration for assignments (platform, L3)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "zastita.assignments"
    label = "assignments"

    def ready(self) -> None:
        from zastita.assignments.notifications import register_glass_kind
        from zastita.assignments.retention import RULES
        from zastita.assignments.subject_access import assignments_section, glass_section
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
        subject_access.register(
            subject_access.SubjectAccessSection(
                "assignments.glass", _("Records opened with a stated reason"), 106,
                ("assignments.GlassAccess",), glass_section,
            )
        )  # fmt: skip
        retention.register(*RULES)
        # The head of service is told of each record opened with a stated reason.
        register_glass_kind()
        navigation.register(
            navigation.NavEntry(
                _("Opened with a reason"),
                "assignments:glass_list",
                "assignments.review_glass",
                order=36,
            ),
        )
