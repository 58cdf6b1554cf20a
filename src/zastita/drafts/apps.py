"""App configuration for drafts of unsubmitted forms."""

from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "zastita.drafts"
    label = "drafts"

    def ready(self) -> None:
        from zastita.drafts import my_work

        my_work.register_section()  # its sections of "My work"

        from zastita.core.home import register
        from zastita.core.periodic import PeriodicJob, periodic_jobs
        from zastita.drafts.home import draft_items
        from zastita.drafts.services import drafts_expired_job

        register(draft_items)
        periodic_jobs.register(
            "drafts.expired",
            PeriodicJob(
                "drafts.expired", drafts_expired_job, every="ZASTITA_ORPHAN_SWEEP_INTERVAL"
            ),
        )

        from zastita.core.registries import retention
        from zastita.drafts.retention import RULES

        retention.register(*RULES)
