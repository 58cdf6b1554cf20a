"""What the person registry offers the apps above it. Another app imports people only from
here (`make lint` checks it)."""

from __future__ import annotations

from zastita.people.models import Person
from zastita.people.selectors import person_by_code, person_cards

__all__ = ["Person", "person_by_code", "person_cards"]
