"""The base of every API input schema, and the bounded types its fields use.

Every text the API accepts refuses the NUL character (PostgreSQL cannot store it, and no
person's name or narrative holds one), and every integer id is bounded to what the
databases hold, so no input can reach the database and fail there with a 500.
"""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import field_validator
from pydantic_core import PydanticCustomError

# The largest value of a 64-bit signed integer: the widest id column on both databases.
MAX_ID = 2**63 - 1

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(holds_nul(k) or holds_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(holds_nul(v) for v in value)
    return False


class ApiSchema(Schema):
    """Input schemas derive from this: NUL is refused in every text, at its field."""

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        if holds_nul(value):
            # The type is mapped to a translated message in zastita.api.errors.
            raise PydanticCustomError("null_character", "Null characters are not allowed.")
        return value
