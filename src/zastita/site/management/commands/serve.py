"""`zastita serve`: the web server and the task worker as one foreground command.

Ctrl-C (or SIGTERM) stops both cleanly; if either stops on its own, the other is stopped too.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the web server and the task worker until Ctrl-C."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        # The manifest storage serves only collected files: collect before every start.
        call_command("collectstatic", interactive=False, verbosity=0)
        if not options["no_worker"]:
            from zastita.accounts.tasks import clear_expired_sessions

            clear_expired_sessions.enqueue()
        web = [
            sys.executable, "-m", "gunicorn", "zastita.config.wsgi:application",
            "--bind", options["bind"], "--workers", str(options["workers"]),
            "--threads", "4", "--access-logfile", "-", "--graceful-timeout", "10",
            # Access log lines carry the method, path and status only: paths hold no personal data.
            "--access-logformat", '%(t)s "%(m)s %(U)s" %(s)s %(L)ss',
        ]  # fmt: skip
        procs = [subprocess.Popen(web)]  # noqa: S603
        if not options["no_worker"]:
            procs.append(subprocess.Popen([sys.executable, "-m", "zastita", "worker"]))
        stopping = False

        def stop(signum: int, _frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"Zastita is running on http://{options['bind']}/ (Ctrl-C stops it).")
        while not stopping and all(p.poll() is None for p in procs):
            time.sleep(0.3)
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
        self.stdout.write("Zastita has stopped.")
