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
