"""A confirmed partner key for tests of the API: requested by `requester` (an administrator)
and confirmed by a head of service, as the two-person rule requires."""

from __future__ import annotations

from collections.abc import Iterable

from zastita.accounts.models import Role, User
from zastita.partners.models import ApiKey, Organisation
from zastita.partners.services import api_key_confirm, api_key_request


def issue_confirmed(
    *, requester: User, organisation: Organisation, label: str, capabilities: Iterable[str]
) -> tuple[ApiKey, str]:
    head, _new = User.objects.get_or_create(
        username="keyconfirmer", defaults={"full_name": "Тест руководилац"}
    )
    head.roles.add(Role.objects.get(code="head_of_service"))
    key = api_key_request(
        actor=requester, organisation=organisation, label=label, capabilities=capabilities
    )
    return api_key_confirm(actor=head, key=key)
