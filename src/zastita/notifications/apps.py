"""App configuration for notifications (platform, L3)."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "zastita.notifications"
    label = "notifications"

    def ready(self) -> None:
        from zastita.notifications import my_work

        my_work.register_section()  # its sections of "My work"

        from zastita.core.periodic import PeriodicJob, periodic_jobs
        from zastita.notifications.delivery import outbox_job

        # Registered after the domain apps' jobs (INSTALLED_APPS order): a clock's step
        # taken in a pass is delivered in the same pass.
        periodic_jobs.register(
            "notifications.outbox", PeriodicJob("notifications.outbox", outbox_job)
        )

        from zastita.core.home import register
        from zastita.notifications.home import unread_items

        register(unread_items)

        from django.utils.translation import gettext_lazy as _

        from zastita.core.registries import subject_access
        from zastita.notifications.subject_access import notifications_section

        subject_access.register(
            subject_access.SubjectAccessSection(
                "notifications.notifications",
                _("Notifications to the Center's staff"),
                110,
                ("notifications.Notification",),
                notifications_section,
            )
        )

        from zastita.core.registries import retention
        from zastita.notifications.retention import RULES

        retention.register(*RULES)
