"""The `zastita` console command: Django's management commands.

Production settings are the default, so a forgotten variable never runs a deployment with demo
settings; `make demo` and `make totp` choose the local (demo) settings explicitly.

zastita demo | serve | worker | seed | createuser | totp | audit verify | keys init | migrate …
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zastita.config.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zastita", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
