"""Permission predicates for deadlines and their targets."""

from __future__ import annotations

import rules

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability

can_receive = has_capability(Capability.REPORTS_RECEIVE)
can_work = has_capability(Capability.CASES_WORK)
can_coordinate = has_capability(Capability.CASES_COORDINATE)
can_read_all = has_capability(Capability.CASES_READ_ALL)

# The targets page: who works to the deadlines reads them (as the duty page's targets were
# read by everyone on duty), the director too; only the head of service changes them.
rules.add_perm("deadlines.view_targets", can_receive | can_work | can_coordinate | can_read_all)
rules.add_perm("deadlines.manage_targets", can_coordinate)
