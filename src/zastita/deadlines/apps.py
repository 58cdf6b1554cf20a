"""App configuration for deadlines (platform, L3)."""

from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "zastita.deadlines"
    label = "deadlines"

    def ready(self) -> None:
        from zastita.core.periodic import PeriodicJob, periodic_jobs
        from zastita.deadlines.services import deadline_scan_job

        # Every kind's warnings, breaches and escalations, in one pass of the worker.
        periodic_jobs.register("deadlines.scan", PeriodicJob("deadlines.scan", deadline_scan_job))

        from django.utils.translation import gettext_lazy as _

        from zastita.core.registries import subject_access
        from zastita.deadlines.subject_access import deadlines_section

        # The deadlines on the person's records (reports, identifications, …), which the
        # domain sections before it name.
        subject_access.register(
            subject_access.SubjectAccessSection(
                "deadlines.deadlines",
                _("Deadlines"),
                110,
                ("deadlines.Deadline", "deadlines.DeadlinePause"),
                deadlines_section,
            )
        )

        from zastita.core.registries import retention
        from zastita.deadlines.retention import RULES

        retention.register(*RULES)
