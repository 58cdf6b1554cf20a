"""Permission predicates for accounts, used alike by views, the API and templates."""

from __future__ import annotations

import rules

from zastita.accounts.capabilities import Capability


def has_capability(capability: Capability | str) -> rules.Predicate:
    """A predicate on one capability: accounts' own, or one a later app registered (a code)."""
    code = str(capability.value if isinstance(capability, Capability) else capability)

    @rules.predicate(name=f"has_capability:{code}")
    def _pred(user: object) -> bool:
        has = getattr(user, "has_capability", None)
        return bool(getattr(user, "is_authenticated", False) and has and has(code))

    return _pred


can_manage_users = has_capability(Capability.USERS_MANAGE)
can_manage_reference = has_capability(Capability.REFERENCE_MANAGE)
can_read_audit = has_capability(Capability.AUDIT_READ)


@rules.predicate
def is_self(user: object, target: object) -> bool:
    return target is not None and getattr(target, "pk", None) == getattr(user, "pk", object())


@rules.predicate
def set_its_credentials(user: object, target: object) -> bool:
    return target is not None and getattr(target, "credentials_set_by_id", None) == getattr(
        user, "pk", object()
    )


can_activate = has_capability(Capability.USERS_ACTIVATE)

rules.add_perm("accounts.manage_users", can_manage_users)
rules.add_perm("accounts.list_activations", can_activate)
rules.add_perm("accounts.issue_activation", can_activate & ~is_self & ~set_its_credentials)
rules.add_perm("accounts.manage_roles", can_manage_users)
# An administrator edits other accounts, never their own roles (no self-granted access).
rules.add_perm("accounts.change_roles_of", can_manage_users & ~is_self)
rules.add_perm("partners.manage", can_manage_reference)
# A partner key that submits reports needs the administrator and a head of service (who
# coordinates the reports): one requests, the other confirms.
can_coordinate = has_capability(Capability.CASES_COORDINATE)
rules.add_perm("partners.confirm_key", can_coordinate)
rules.add_perm("partners.key_requests", can_manage_reference | can_coordinate)
rules.add_perm("audit.read_access_log", can_read_audit)
# The register of providers (lawyers, psychotherapists, interpreters...): read by who
# arranges services for a case, kept by the head of service and the administrator.
can_work_cases = has_capability(Capability.CASES_WORK)
rules.add_perm("partners.providers", can_work_cases | can_coordinate | can_manage_reference)
rules.add_perm("partners.manage_providers", can_coordinate | can_manage_reference)
