"""`zastita serve` runs the web server and the worker together and stops cleanly on Ctrl-C;
`zastita worker` runs queued tasks from the database."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _zastita(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zastita", *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_serve_runs_web_and_worker_and_stops_on_ctrl_c(local_env):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "zastita", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=local_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        body = b""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = r.read()
                    break
            except OSError:
                time.sleep(0.3)
        assert body == b'{"status": "ok"}'
        children = subprocess.run(
            ["pgrep", "-P", str(proc.pid), "-a"], capture_output=True, text=True, check=False
        ).stdout
        assert "gunicorn" in children
        assert "worker" in children
    finally:
        proc.send_signal(signal.SIGINT)
        output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, output
    assert "Zastita has stopped." in output
    assert subprocess.run(["pgrep", "-P", str(proc.pid)], check=False).returncode == 1


def test_worker_runs_queued_tasks(local_env):
    script = (
        "import django; django.setup()\n"
        "from datetime import timedelta\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from django.contrib.sessions.models import Session\n"
        "from django.utils import timezone\n"
        "s = SessionStore(); s['x'] = 1; s.create()\n"
        "past = timezone.now() - timedelta(days=1)\n"
        "Session.objects.filter(pk=s.session_key).update(expire_date=past)\n"
        "from zastita.accounts.tasks import clear_expired_sessions\n"
        "print(clear_expired_sessions.enqueue().id)\n"
    )
    enqueued = subprocess.run(
        [sys.executable, "-c", script], env=local_env, capture_output=True, text=True, check=True
    )
    task_id = enqueued.stdout.strip()
    result = _zastita(local_env, "worker", "--batch")
    assert result.returncode == 0, result.stderr
    check = subprocess.run(
        [
            sys.executable, "-c",
            "import django; django.setup()\n"
            "from django.contrib.sessions.models import Session\n"
            "from django_tasks_db.models import DBTaskResult\n"
            f"r = DBTaskResult.objects.get(id='{task_id}')\n"
            "print(r.status, r.return_value, Session.objects.count())\n",
        ],
        env=local_env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert check.stdout.split() == ["SUCCESSFUL", "1", "0"]


def test_the_worker_process_advances_overdue_clocks_and_delivers_mail(local_env):
    """A report whose first-contact time passed while no worker ran: the restarted worker
    sends the breach and the escalation, and writes the e-mails to the demo's outbox."""
    from pathlib import Path

    script = (
        "import django; django.setup()\n"
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from zastita.site import demo\n"
        "demo._accounts()\n"
        "from zastita.accounts.models import User\n"
        "head = User.objects.get(username='rukovodilac'); head.email = 'head@example.org'\n"
        "head.save()\n"
        "from zastita.intake.services import PersonInput, ReportInput, report_create\n"
        "report_create(actor=User.objects.get(username='radnik'), data=ReportInput(\n"
        "    channel='phone', received_at=timezone.now() - timedelta(hours=2),\n"
        "    reporter_kind='anonymous', municipality='Ниш', urgency='immediate',\n"
        "    narrative='Синтетички опис', persons=[PersonInput(description='дете')]))\n"
    )
    subprocess.run([sys.executable, "-c", script], env=local_env, check=True, capture_output=True)
    result = _zastita(local_env, "worker", "--batch")
    assert result.returncode == 0, result.stderr
    check = subprocess.run(
        [
            sys.executable, "-c",
            "import django; django.setup()\n"
            "from zastita.notifications.public import Notification\n"
            "kinds = sorted(set(Notification.objects.filter(channel='in_app')"
            ".values_list('kind', flat=True)))\n"
            "print(' '.join(kinds))\n",
        ],
        env=local_env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    # First contact (1 hour) missed: breach and escalation; the decision (4 hours) is at
    # half its time: a warning.
    assert check.stdout.split() == ["breach", "escalation", "new_report", "warning"]
    outbox = Path(local_env["ZASTITA_VAR_DIR"]) / "outbox"
    mails = "".join(p.read_text() for p in outbox.iterdir())
    assert "head@example.org" in mails
    assert "Синтетички" not in mails
