"""Permission predicates for assignments: the head of service assigns and sees the
workload; a worker may be assigned when they work on cases."""

from __future__ import annotations

import rules

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability

can_coordinate = has_capability(Capability.CASES_COORDINATE)

rules.add_perm("assignments.assign", can_coordinate)
rules.add_perm("assignments.workload", can_coordinate)
# Teams are data the head of service keeps.
rules.add_perm("assignments.manage_teams", can_coordinate)
# Every opening of a record with a stated reason (break-the-glass) is the head of service's
# to review.
rules.add_perm("assignments.review_glass", can_coordinate)
