"""Intake's notifications through the platform's delivery: the webhook against a real HTTP
server on 127.0.0.1 (signed, retried with backoff), e-mail against a real SMTP conversation
on 127.0.0.1, and no personal data in either."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import socketserver
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.test import override_settings

from zastita.intake.services import report_create
from zastita.notifications.delivery import BACKOFF_BASE_SECONDS
from zastita.notifications.public import DeliveryState, Notification, deliver_due

from .conftest import NARRATIVE, report_input

START = datetime.datetime(2026, 5, 1, 3, 0, tzinfo=datetime.UTC)
SECRET = "webhook-test-secret"


class Hook:
    """A local webhook receiver that fails its first `failures` calls with HTTP 503."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls: list[tuple[dict[str, str], bytes]] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.calls.append((dict(self.headers), body))
                status = 503 if len(hook.calls) <= hook.failures else 204
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hook_factory() -> Iterator[object]:
    hooks: list[Hook] = []

    def make(failures: int) -> Hook:
        hooks.append(Hook(failures))
        return hooks[-1]

    yield make
    for h in hooks:
        h.close()


def _verify(headers: dict[str, str], body: bytes) -> bool:
    parts = dict(p.split("=", 1) for p in headers["X-Zastita-Signature"].split(","))
    expected = hmac.new(SECRET.encode(), parts["t"].encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), parts["v1"])


def test_the_webhook_is_signed_retried_with_backoff_and_carries_no_personal_data(
    hook_factory, worker_user, make_user
):
    hook = hook_factory(failures=2)
    make_user("head_of_service")
    with (
        override_settings(ZASTITA_WEBHOOK_URL=hook.url, ZASTITA_WEBHOOK_SECRET=SECRET),
        time_machine.travel(START, tick=False) as traveller,
    ):
        report = report_create(actor=worker_user, data=report_input())
        row = Notification.objects.get(
            subject_type="report", subject_id=report.pk, channel="webhook"
        )
        assert deliver_due() == 0  # 503
        row.refresh_from_db()
        assert (row.state, row.attempts, row.last_error) == ("pending", 1, "HTTP 503")
        assert row.next_attempt_at == START + datetime.timedelta(seconds=BACKOFF_BASE_SECONDS)
        assert deliver_due() == 0  # not due yet: nothing is sent before the backoff
        assert len(hook.calls) == 1
        traveller.shift(datetime.timedelta(seconds=BACKOFF_BASE_SECONDS))
        assert deliver_due() == 0  # 503 again; the wait doubles
        row.refresh_from_db()
        assert row.next_attempt_at - START == datetime.timedelta(seconds=3 * BACKOFF_BASE_SECONDS)
        traveller.shift(datetime.timedelta(seconds=2 * BACKOFF_BASE_SECONDS))
        assert deliver_due() == 1
    row.refresh_from_db()
    assert (row.state, row.attempts) == (DeliveryState.SENT, 3)
    assert len(hook.calls) == 3
    headers, body = hook.calls[-1]
    assert _verify(headers, body)
    assert headers["Idempotency-Key"] == row.dedupe  # the receiver can drop repeats
    payload = json.loads(body)
    assert (payload["subject_type"], payload["subject_id"]) == ("report", report.pk)
    assert payload["text"] == f"Нова пријава {report.number}"  # the number, in Serbian
    assert payload["kind"] == "new_report"
    assert payload["report_number"] == report.number  # the gateway's field, as before
    assert payload["link"].endswith(f"/reports/{report.pk}/")
    text = body.decode()
    assert NARRATIVE not in text
    assert "Крагујевац" not in text
    assert "девојчица" not in text


def test_a_webhook_that_never_answers_fails_after_the_last_attempt(hook_factory, worker_user):
    hook = hook_factory(failures=100)
    with (
        override_settings(
            ZASTITA_WEBHOOK_URL=hook.url, ZASTITA_WEBHOOK_SECRET=SECRET,
            ZASTITA_WEBHOOK_MAX_ATTEMPTS=3,
        ),
        time_machine.travel(START, tick=False) as traveller,
    ):  # fmt: skip
        report = report_create(actor=worker_user, data=report_input())
        for _ in range(5):
            deliver_due()
            traveller.shift(datetime.timedelta(hours=1))
    row = Notification.objects.get(subject_type="report", subject_id=report.pk, channel="webhook")
    assert (row.state, row.attempts) == (DeliveryState.FAILED, 3)
    assert len(hook.calls) == 3


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Enough of RFC 5321 for a client to deliver one message."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 localhost ESMTP test")
        while line := self.rfile.readline():
            command = line.decode().strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 localhost")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                if verb == "RCPT":
                    self.server.recipients.append(command)  # type: ignore[attr-defined]
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk
                self.server.messages.append(data)  # type: ignore[attr-defined]
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Not implemented")


@pytest.fixture
def smtp_server() -> Iterator[socketserver.ThreadingTCPServer]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.messages = []  # type: ignore[attr-defined]
    server.recipients = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_email_goes_out_over_smtp_with_the_number_and_a_link_only(
    smtp_server, worker_user, duty_worker, on_shift
):
    on_shift()
    duty_worker.email = "duty@example.org"
    duty_worker.save()
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_server.server_address[1]},
        }
    }
    with override_settings(MAILERS=mailers):
        report = report_create(actor=worker_user, data=report_input())
        assert deliver_due() == 1
    row = Notification.objects.get(subject_type="report", subject_id=report.pk, channel="email")
    assert row.state == DeliveryState.SENT
    assert row.recipient == duty_worker
    (message,) = smtp_server.messages
    assert "duty@example.org" in smtp_server.recipients[0]
    from email import message_from_bytes, policy

    parsed = message_from_bytes(message, policy=policy.default)
    body = parsed.get_body().get_content()  # type: ignore[union-attr]
    assert report.number in str(parsed["Subject"])
    assert f"/reports/{report.pk}/" in body
    for secret in (NARRATIVE, "Крагујевац", "девојчица"):
        assert secret not in body
        assert secret not in str(parsed["Subject"])


def test_a_row_claimed_by_a_worker_that_died_is_sent_after_the_lease(worker_user, hook_factory):
    hook = hook_factory(failures=0)
    with (
        override_settings(ZASTITA_WEBHOOK_URL=hook.url, ZASTITA_WEBHOOK_SECRET=SECRET),
        time_machine.travel(START, tick=False) as traveller,
    ):
        report = report_create(actor=worker_user, data=report_input())
        # A worker claimed the row and died before sending it.
        Notification.objects.filter(
            subject_type="report", subject_id=report.pk, channel="webhook"
        ).update(state=DeliveryState.SENDING, attempts=1)
        assert deliver_due() == 0
        traveller.shift(datetime.timedelta(minutes=6))
        assert deliver_due() == 1
    assert len(hook.calls) == 1
