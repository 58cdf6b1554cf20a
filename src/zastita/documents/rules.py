"""Permission predicates for official documents, built on the roles' capabilities."""

from __future__ import annotations

import rules

from zastita.accounts.capabilities import CASE_DATA, Capability
from zastita.accounts.rules import has_capability

can_work = has_capability(Capability.CASES_WORK)
can_coordinate = has_capability(Capability.CASES_COORDINATE)
can_read_all = has_capability(Capability.CASES_READ_ALL)
works_on_cases = rules.always_false
for _capability in sorted(CASE_DATA):
    works_on_cases |= has_capability(_capability)


@rules.predicate
def sees_the_subject(user: object, document: object) -> bool:
    """The owning app's need-to-know rule for the document's subject. Closed by default: a
    type no longer registered, or registered without its rule, shows its documents to
    nobody (a start-up check names a type without one)."""
    from zastita.core.registries.documents import document_types

    spec = document_types.find(getattr(document, "type_code", ""))
    if spec is None or spec.can_view is None:
        return False
    return bool(spec.can_view(user, getattr(document, "subject_id", 0)))


can_view = can_work | can_coordinate | can_read_all
# The register (numbers, types, dates, statuses: no personal data): who works on cases,
# the head of service, the director.
rules.add_perm("documents.view", can_view)
# A document's page and its PDF: the same people, if the owning app lets them see the
# subject (a worker sees what is assigned to them or their team).
rules.add_perm("documents.view_document", can_view & sees_the_subject)
# Issuing is the owning app's step (it checks its own permission first); the platform asks
# only that the author works with case data.
rules.add_perm("documents.issue", works_on_cases)
# Recording the answer to a document (an incoming document): who works with case data and
# sees the document's subject.
rules.add_perm("documents.answer", works_on_cases & sees_the_subject)
# Approving a document, correcting one (which cancels it) and editing the templates belong
# to the head of service.
rules.add_perm("documents.approve", can_coordinate)
rules.add_perm("documents.correct", can_coordinate)
rules.add_perm("documents.manage_templates", can_coordinate)
