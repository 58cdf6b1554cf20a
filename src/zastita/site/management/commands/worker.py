"""`zastita worker`: runs background tasks (django-tasks-db's database worker) and, beside
them, the periodic pass over the response clocks and the notification outbox.

Several workers may run at once: every clock step and every delivery is claimed by a
conditional UPDATE, so nothing is sent twice; and since all state is in the database, a
restarted worker picks up where the last one stopped.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from zastita.core.periodic import periodic_pass

log = logging.getLogger("zastita.worker")


def periodic_loop(stop: threading.Event, interval: float) -> None:
    while not stop.is_set():
        try:
            counts = periodic_pass()
            if any(counts.values()):
                log.info("Clock and outbox pass: %s", counts)
        except Exception as exc:  # a bad pass must not stop the next one
            # The type only: a database error's text can carry the values of its statement.
            log.error("The clock and outbox pass failed (%s); it will run again.",
                      type(exc).__name__)  # fmt: skip
        finally:
            close_old_connections()
        stop.wait(interval)
    connection.close()


class Command(BaseCommand):
    help = "Run the background task worker and the response-clock checks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="Exit when the queue is empty.")
        parser.add_argument(
            "--no-clocks", action="store_true", help="Run tasks only, no clock checks."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        clocks = None
        if not options["no_clocks"]:
            interval = float(settings.ZASTITA_CLOCK_INTERVAL)
            clocks = threading.Thread(
                target=periodic_loop, args=(stop, interval), name="clocks", daemon=True
            )
            clocks.start()
        extra = ["--batch"] if options["batch"] else []
        try:
            call_command("db_worker", "--interval", str(options["interval"]), *extra)
        finally:
            stop.set()
            if clocks is not None:
                clocks.join(timeout=10)
