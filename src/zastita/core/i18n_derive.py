"""Derives the Serbian Latin catalogue from the Cyrillic one (run by `make messages`).

Only translations (msgstr) are transliterated; msgids, comments and placeholders such as
%(name)s are ASCII and pass through unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from zastita.core.transliteration import to_latin


def derive(cyrillic_po: str) -> str:
    out: list[str] = []
    in_msgstr = False
    for line in cyrillic_po.splitlines():
        if line.startswith("msgstr"):
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False
        if line.startswith('"Language: sr'):
            out.append('"Language: sr_Latn\\n"')
            continue
        out.append(to_latin(line) if in_msgstr else line)
    return "\n".join(out) + "\n"


def main(locale_dir: str) -> int:
    source = Path(locale_dir) / "sr" / "LC_MESSAGES" / "django.po"
    target = Path(locale_dir) / "sr_Latn" / "LC_MESSAGES" / "django.po"
    text = derive(source.read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
