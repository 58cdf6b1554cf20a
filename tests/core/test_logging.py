"""Log lines carry the request id, and tracebacks never quote the values that caused them."""

from __future__ import annotations

import logging
import sys

from zastita.core.logging import RequestIdFilter, SafeFormatter


def test_tracebacks_withhold_the_exception_message():
    formatter = SafeFormatter("%(levelname)s [%(request_id)s] %(message)s")
    typed = "canary-" + "value-42"  # a runtime value, as user input would be
    try:
        raise ValueError(f"duplicate key value (username)=({typed})")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    RequestIdFilter().filter(record)
    text = formatter.format(record)
    assert "canary-value-42" not in text
    assert "ValueError: <message withheld>" in text
    assert "test_logging.py" in text  # the frames are kept
    assert "ERROR [-] failed" in text


def test_csrf_failures_are_refused_and_recorded(db):
    from django.test import Client

    from zastita.audit.models import Action

    from ..conftest import events

    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert events(action=Action.DENIED, object_type="csrf")
