"""`zastita keys init | add | rotate`: the keyring, kept outside the database.

- `init` creates the key file named by ZASTITA_KEYS_FILE (never overwrites it);
- `add` adds a new random key to that file and makes it the active one (old keys stay, so
  everything already encrypted can still be read);
- `rotate` re-encrypts the registry under the active key, in batches, with a progress bar;
  interrupted, it resumes where it stopped when run again.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zastita.core.crypto import Keyring, new_keyring_json


class Command(BaseCommand):
    help = "Manage the encryption keyring (kept outside the database)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("init", help="Create the key file if it does not exist.")
        sub.add_parser("add", help="Add a new key to the key file and make it active.")
        rotate = sub.add_parser("rotate", help="Re-encrypt the registry under the active key.")
        rotate.add_argument("--batch", type=int, default=1000)
        rotate.add_argument("--limit", type=int, default=None, help="Stop after N persons.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rotate":
            self._rotate(options)
            return
        if options["action"] == "add":
            self._add()
            return
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

    def _add(self) -> None:
        if not settings.ZASTITA_KEYS_FILE or settings.ZASTITA_KEYS:
            raise CommandError("`keys add` works on the key file (ZASTITA_KEYS_FILE) only.")
        path = Path(settings.ZASTITA_KEYS_FILE)
        data = json.loads(path.read_text())
        number = 1 + max(int(k[1:]) for k in data["keys"] if k[1:].isdigit())
        key_id = f"k{number}"
        data["keys"][key_id] = base64.b64encode(secrets.token_bytes(32)).decode()
        data["active"] = key_id
        Keyring.from_json(json.dumps(data))  # refuse to write anything invalid
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(json.dumps(data, indent=2))
        tmp.replace(path)
        self.stdout.write(
            f"Added key {key_id} and made it active. Back up the key file, then run "
            "`zastita keys rotate`."
        )

    def _rotate(self, options: dict[str, Any]) -> None:
        from zastita.accounts.services import mfa_reseal
        from zastita.people import rotation
        from zastita.people.seeding import progress_bar

        done = 0
        if rotation.pending():
            done = rotation.rotate(
                batch_size=options["batch"], limit=options["limit"],
                progress=progress_bar(self.stderr),
            )  # fmt: skip
        left = rotation.pending()
        resealed, unopened, older_codes = mfa_reseal()
        self.stdout.write(f"Rotated {done} persons; {left} left under older keys.")
        self.stdout.write(f"Authenticator keys sealed again: {resealed}.")
        if unopened:
            self.stdout.write(
                f"{unopened} authenticator keys cannot be opened: their key is not in the key "
                "file. Those accounts need an MFA reset."
            )
        if older_codes:
            self.stdout.write(
                f"{older_codes} accounts have recovery codes made under an older key: keep "
                "that key until they get new codes."
            )
        self.stdout.write(
            "Reports, identifications and files keep the key they were written under: keep "
            "older keys in the key file."
        )
