"""App configuration for the site: the wiring that may import every app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "zastita.site"
    label = "site"

    def ready(self) -> None:
        from zastita.core.periodic import PeriodicJob, periodic_jobs
        from zastita.site.sweep import sweep_job

        periodic_jobs.register(
            "site.orphan_files",
            PeriodicJob("site.orphan_files", sweep_job, every="ZASTITA_ORPHAN_SWEEP_INTERVAL"),
        )

        from zastita.core import navigation

        navigation.register(navigation.NavEntry(_("Home"), "site:home", None, order=0))
