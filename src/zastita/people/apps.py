"""App configuration for the person registry."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "zastita.people"
    label = "people"

    def ready(self) -> None:
        from zastita.people import scopes

        # Its records' need-to-know scope, for break-the-glass and the access matrix.
        scopes.register()

        from zastita.core.home import register
        from zastita.people.home import reveal_items

        register(reveal_items)

        from zastita.core import navigation

        navigation.register(
            navigation.NavEntry(_("Persons"), "people:person_search", "people.search", order=30),
            navigation.NavEntry(
                _("Subject access"), "people:subject_access", "people.export_subject", order=910
            ),
        )

        from zastita.core.registries import subject_access

        # The registry is the export's own frame (identity, descriptive data, relations).
        subject_access.register(
            subject_access.SubjectAccessSection(
                "people.registry", _("Identity"), 0,
                ("people.Person", "people.PersonRelation", "people.PersonMerge",
                 "people.IdentityReveal", "people.PersonSearchKey"),
            )
        )  # fmt: skip

        from zastita.people.documents import register_types

        # Form 6, the general official note, can be written about a person.
        register_types()

        from zastita.core.registries import retention
        from zastita.people.retention import RULES

        retention.register(*RULES)
