"""Permission predicates for reports, clocks and the duty roster."""

from __future__ import annotations

import rules

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability

can_receive = has_capability(Capability.REPORTS_RECEIVE)
can_coordinate = has_capability(Capability.CASES_COORDINATE)
can_read_all = has_capability(Capability.CASES_READ_ALL)

rules.add_perm("intake.receive", can_receive)
# Reading reports: who works on them, and the director (read-only, all cases).
rules.add_perm("intake.view", can_receive | can_read_all)
rules.add_perm("intake.decide", can_receive)
rules.add_perm("intake.see_duty", can_receive | can_coordinate | can_read_all)
# The roster and the response targets belong to the head of service.
rules.add_perm("intake.manage_roster", can_coordinate)
rules.add_perm("intake.manage_targets", can_coordinate)
