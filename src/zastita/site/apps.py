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
        from zastita.site import my_work

        navigation.register(
            navigation.NavEntry(_("My work"), "site:my_work", my_work.PERM, order=5)
        )

        from zastita.core.registries import capabilities
        from zastita.site.retention import rules as retention_rules

        # The retention periods page, for the data-protection officer (granted to that role
        # by site/migrations/0001).
        capabilities.register(retention_rules.CAPABILITY, _("Set the retention periods"))
        navigation.register(
            navigation.NavEntry(
                _("Retention periods"), "site:retention", "site.manage_retention", order=920
            )
        )
