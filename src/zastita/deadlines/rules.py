"""Permission predicates for deadlines and their targets."""

from __future__ import annotations

import rules

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability

can_coordinate = has_capability(Capability.CASES_COORDINATE)
can_read_all = has_capability(Capability.CASES_READ_ALL)

# The targets page: the head of service sets them, the director reads them.
rules.add_perm("deadlines.view_targets", can_coordinate | can_read_all)
rules.add_perm("deadlines.manage_targets", can_coordinate)
