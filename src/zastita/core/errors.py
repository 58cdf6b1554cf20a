"""One family of application errors, mapped once to HTTP for views and for the API."""

from __future__ import annotations

from collections.abc import Container, Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    status = 400
    code = "error"
    default_message: str | Promise = _("The request could not be completed.")

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        fields: Mapping[str, list[str]] | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.fields = dict(fields or {})
        super().__init__(str(self.message))

    def summary(self) -> str:
        """Every field's message in one line (for a flash message), else the message."""
        texts = [str(m) for messages in self.fields.values() for m in messages]
        return " ".join(texts) or str(self.message)


class NotFound(ApplicationError):
    """A missing record and a forbidden one raise this alike, so nobody learns a file exists.

    `denied` is only for the audit trail: it is never shown to the user.
    """

    status = 404
    code = "not_found"
    default_message = _("The page or record was not found.")

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        denied: bool = False,
        object_type: str = "",
        object_id: str = "",
        reference: str = "",
    ) -> None:
        super().__init__(message)
        self.denied = denied
        self.object_type = object_type
        self.object_id = object_id
        # The number the user typed to find the record (a report's "0004/2026"): the page
        # offers to open it with a stated reason by that number, whether or not it exists.
        self.reference = reference


class PermissionDenied(NotFound):
    """Forbidden looks exactly like not found from the outside."""

    def __init__(self, *, object_type: str = "", object_id: str = "") -> None:
        super().__init__(denied=True, object_type=object_type, object_id=object_id)


class Conflict(ApplicationError):
    status = 409
    code = "conflict"
    default_message = _(
        "Someone else changed this record while you were editing it. "
        "Reload it, check their changes and apply yours again."
    )


class ValidationError(ApplicationError):
    status = 422
    code = "invalid"
    default_message = _("Some of the data is not valid.")


# The API's one error format (ARCHITECTURE.md §3.9), also used where an error is answered
# outside the API's own handlers.
def error_body(
    code: str, message: str, fields: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def generic_error(status: int) -> tuple[str, str]:
    """The code and a translated message for an HTTP status, for errors raised outside views."""
    known = {
        400: ("invalid", gettext("The request is not valid.")),
        401: ("unauthorised", gettext("Authentication is required.")),
        403: ("forbidden", gettext("The request was refused (check the CSRF token).")),
        404: ("not_found", gettext("The page or record was not found.")),
        405: ("method_not_allowed", gettext("This method is not allowed here.")),
        413: ("too_large", gettext("The request is too large.")),
    }
    fallback = ("server_error", gettext("An unexpected error occurred. It has been logged."))
    return known.get(status, fallback)


def known_code(value: str, known: Container[str]) -> str:
    """A code taken from a URL, as it may be kept in the audit log: the code when the system
    knows it, else "unknown". An address can hold any text, a name too, and the log is
    append-only."""
    return value if value in known else "unknown"
