"""What the person registry offers the apps above it. Another app imports people only from
here (`make lint` checks it)."""

from __future__ import annotations

from zastita.people.forms import PersonForm, SearchForm
from zastita.people.identity import Identity
from zastita.people.models import Person
from zastita.people.selectors import (
    PersonCard,
    merged_family,
    person_by_code,
    person_cards,
    person_duplicates,
    person_search,
)
from zastita.people.services import person_create, person_create_in_transaction

__all__ = [
    "Identity",
    "Person",
    "PersonCard",
    "PersonForm",
    "SearchForm",
    "merged_family",
    "person_by_code",
    "person_cards",
    "person_create",
    "person_create_in_transaction",
    "person_duplicates",
    "person_search",
]
