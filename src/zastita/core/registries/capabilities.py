"""What a role can grant. Accounts registers its own capabilities at start-up and each later
app registers the ones it checks, so a new app adds capabilities without editing accounts.
Which role holds which capability is data (the roles page)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from zastita.core.registries import Registry


@dataclass(frozen=True)
class CapabilitySpec:
    code: str
    label: str | Promise


capabilities: Registry[CapabilitySpec] = Registry("capabilities")


def register(code: str, label: str | Promise) -> CapabilitySpec:
    return capabilities.register(code, CapabilitySpec(code, label))


def choices() -> list[tuple[str, str | Promise]]:
    """For a form's choices (a callable, so that capabilities registered later are offered)."""
    return [(spec.code, spec.label) for spec in capabilities]


def label(code: str) -> str:
    spec = capabilities.find(code)
    return str(spec.label) if spec is not None else code
