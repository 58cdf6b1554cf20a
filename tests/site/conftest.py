"""Fixtures of the pages the site renders from the apps' registries ("My work"): a report,
a registered person and their identification (from the identification and intake tests)."""

from __future__ import annotations

from ..identification.conftest import accepted, identification, person  # noqa: F401
from ..intake.conftest import make_report  # noqa: F401
