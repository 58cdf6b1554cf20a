"""Permission predicates for the person registry."""

from __future__ import annotations

import rules

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability

can_see_identity = has_capability(Capability.PEOPLE_IDENTITY)
can_search = has_capability(Capability.PEOPLE_SEARCH) | can_see_identity

rules.add_perm("people.search", can_search)
rules.add_perm("people.create", can_see_identity)
rules.add_perm("people.view_identity", can_see_identity)
# Merging and reviewing identity reveals belong to the head of service.
can_coordinate = has_capability(Capability.CASES_COORDINATE)
rules.add_perm("people.merge", can_coordinate & can_see_identity)
rules.add_perm("people.review_reveals", can_coordinate)
# Subject access requests are answered by the data-protection officer.
rules.add_perm("people.export_subject", has_capability(Capability.AUDIT_READ))
