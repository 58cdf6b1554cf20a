"""Log records carry the request id, never personal data."""

from __future__ import annotations

import logging

from zastita.core import request_context


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_context.current().request_id or "-"
        return True
