"""One error format for every API error: {"error": {"code", "message", "fields"}}."""

from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from zastita.audit.services import audit_denial
from zastita.core.errors import ApplicationError, NotFound, error_body, generic_error


def _message(err: dict[str, Any]) -> str:
    """A pydantic error in the caller's language: by its type, never its English text."""
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in ("string_too_short", "too_short"):
        return _("Too short: at least %(n)s.") % {"n": ctx.get("min_length", "?")}
    if kind == "string_too_long":
        # The same words as the web form and the service (zastita.intake.services).
        return _("Too long: at most %(limit_value)s characters.") % {
            "limit_value": ctx.get("max_length", "?")
        }
    if kind == "null_character":
        return _("Null characters are not allowed.")
    if kind == "too_long":
        return _("Too long: at most %(n)s.") % {"n": ctx.get("max_length", "?")}
    if kind in ("literal_error", "enum"):
        return _("Choose one of the allowed values.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return _("The number is out of range.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false.")
    if kind.startswith(("datetime_", "date_", "time_")):
        return _("Enter a date or time in ISO 8601 (for example 2026-11-23T14:30:00+01:00).")
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        return _("The value has the wrong type.")
    if kind == "json_invalid":
        return _("The body is not valid JSON.")
    return _("Invalid value.")


def _fields_from_ninja(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for err in errors:
        loc = [str(part) for part in err.get("loc", []) if part not in ("query", "body", "path")]
        name = ".".join(loc) or "__all__"
        fields.setdefault(name, []).append(_message(err))
    return fields


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ApplicationError)
    def _application(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        if isinstance(exc, NotFound) and exc.denied:
            user = getattr(request, "user", None)
            key = getattr(request, "api_key", None)
            audit_denial(
                actor=user if user is not None and user.is_authenticated else None,
                object_type=exc.object_type,
                object_id=exc.object_id,
                api_key_id=key.pk if key is not None else None,
            )
        body = error_body(exc.code, str(exc.message), exc.fields)
        response = api.create_response(request, body, status=exc.status)
        retry_after = getattr(exc, "retry_after", None)
        if retry_after:
            response["Retry-After"] = str(retry_after)
        return response

    @api.exception_handler(NinjaValidationError)
    def _validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        body = error_body(
            "invalid", _("Some of the data is not valid."), _fields_from_ninja(exc.errors)
        )
        return api.create_response(request, body, status=422)

    @api.exception_handler(AuthenticationError)
    def _auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        body = error_body("unauthorised", _("Authentication is required."))
        return api.create_response(request, body, status=401)

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        body = error_body("not_found", _("The page or record was not found."))
        return api.create_response(request, body, status=404)

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code, message = generic_error(exc.status_code)
        return api.create_response(request, error_body(code, message), status=exc.status_code)

    @api.exception_handler(RequestDataTooBig)
    def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        # A body over DATA_UPLOAD_MAX_MEMORY_SIZE, refused before it is read or parsed.
        code, message = generic_error(413)
        return api.create_response(request, error_body(code, message), status=413)

    @api.exception_handler(SuspiciousOperation)
    def _suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        # Too many fields, a malformed header and the like: the client's error, not ours.
        code, message = generic_error(400)
        return api.create_response(request, error_body(code, message), status=400)

    @api.exception_handler(OperationalError)
    def _busy(request: HttpRequest, exc: OperationalError) -> HttpResponse:
        # A lock that could not be had in time (SQLite busy, a PostgreSQL lock timeout): the
        # transaction rolled back whole, so the client may simply send the request again.
        body = error_body("busy", _("The service is busy. Send the request again shortly."))
        response = api.create_response(request, body, status=503)
        response["Retry-After"] = "1"
        return response

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        import logging

        # The exception is logged with the request id only; its text may hold input values.
        logging.getLogger("zastita.api").error(
            "Unhandled API error (%s)", type(exc).__name__, exc_info=False
        )
        body = error_body("server_error", _("An unexpected error occurred. It has been logged."))
        return api.create_response(request, body, status=500)
