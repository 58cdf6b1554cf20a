"""Permission predicates for the person registry, and the persons' scope (need-to-know,
ARCHITECTURE.md §4)."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability
from zastita.assignments.public import in_scope_rule, record_scope


def person_scope(actor: Any, *, grants: bool = True) -> Q:
    """The persons whose file `actor` may open. The head of service and the director: every
    one. A worker: those they registered, and the persons of the records in their own scope
    (each app that links records to persons extends this). Everyone: what they opened this
    session with a stated reason. Search still finds every match (a duplicate found protects
    a person); outside the scope it shows only the code."""
    return record_scope(
        actor, "person", needs=None, own=lambda a: Q(created_by=a.pk), grants=grants
    )


in_scope = in_scope_rule("people.Person", person_scope)

can_see_identity = has_capability(Capability.PEOPLE_IDENTITY)
can_search = has_capability(Capability.PEOPLE_SEARCH) | can_see_identity

rules.add_perm("people.search", can_search)
# A person's file: who may search, for the persons in their scope.
rules.add_perm("people.view", can_search & in_scope)
rules.add_perm("people.create", can_see_identity)
rules.add_perm("people.view_identity", can_see_identity)
# Merging and reviewing identity reveals belong to the head of service.
can_coordinate = has_capability(Capability.CASES_COORDINATE)
rules.add_perm("people.merge", can_coordinate & can_see_identity)
rules.add_perm("people.review_reveals", can_coordinate)
# Subject access requests are answered by the data-protection officer.
rules.add_perm("people.export_subject", has_capability(Capability.AUDIT_READ))
