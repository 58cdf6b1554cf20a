"""Permission predicates for formal identification."""

from __future__ import annotations

import rules

from zastita.accounts.capabilities import Capability
from zastita.accounts.rules import has_capability

# The professionals who identify: they evaluate indicator answers.
rules.add_perm("identification.assess", has_capability(Capability.CASES_WORK))
# Decisions on a person's status come into force with the head of service's approval.
rules.add_perm("identification.approve", has_capability(Capability.CASES_COORDINATE))
# Reading an identification: those who identify, the head of service, the director.
rules.add_perm(
    "identification.view",
    has_capability(Capability.CASES_WORK)
    | has_capability(Capability.CASES_COORDINATE)
    | has_capability(Capability.CASES_READ_ALL),
)
# The indicator sets and decision rules are the head of service's to edit.
rules.add_perm("identification.manage_rules", has_capability(Capability.CASES_COORDINATE))
