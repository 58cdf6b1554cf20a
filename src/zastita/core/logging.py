"""Log records carry the request id, never personal data."""

from __future__ import annotations

import logging
from typing import Any

from zastita.core import request_context


class SafeFormatter(logging.Formatter):
    """Tracebacks keep their frames but lose the exception's message, which can quote input
    values (a database error names the duplicate value, a validation error the text typed)."""

    def formatException(self, ei: Any) -> str:
        import traceback

        exc_type, _value, tb = ei
        frames = "".join(traceback.format_tb(tb))
        name = getattr(exc_type, "__qualname__", "Exception")
        return f"Traceback (most recent call last):\n{frames}{name}: <message withheld>"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_context.current().request_id or "-"
        return True
