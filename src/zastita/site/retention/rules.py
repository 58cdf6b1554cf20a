"""Who sets the retention periods: the holder of `retention.manage` (the data-protection
officer's role, by default)."""

from __future__ import annotations

import rules

from zastita.accounts.rules import has_capability

CAPABILITY = "retention.manage"

rules.add_perm("site.manage_retention", has_capability(CAPABILITY))
