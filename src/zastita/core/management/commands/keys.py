"""`zastita keys init`: create the key file named by ZASTITA_KEYS_FILE (never overwrites)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zastita.core.crypto import new_keyring_json


class Command(BaseCommand):
    help = "Manage the encryption keyring (kept outside the database)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("init", help="Create the key file if it does not exist.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.ZASTITA_KEYS:
            self.stdout.write("Keys come from ZASTITA_KEYS; nothing to create.")
            return
        if not settings.ZASTITA_KEYS_FILE:
            raise CommandError("Set ZASTITA_KEYS_FILE to the path of the key file.")
        path = Path(settings.ZASTITA_KEYS_FILE)
        if path.exists():
            self.stdout.write(f"The key file already exists ({path.name}); left unchanged.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(new_keyring_json())
        self.stdout.write(
            self.style.WARNING(
                f"Created a new key file ({path.name}). Back it up apart from the database: "
                "without it the encrypted data cannot be read."
            )
        )
