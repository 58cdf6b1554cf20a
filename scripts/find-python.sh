#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 interpreter, preferring 3.13, including pyenv's.
set -euo pipefail
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
candidates=()
for v in python3.13 python3.12 python3; do
  p=$(command -v "$v" 2>/dev/null || true)
  [ -n "$p" ] && candidates+=("$p")
done
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
for d in "$pyenv_root"/versions/3.13* "$pyenv_root"/versions/3.12*; do
  [ -x "$d/bin/python3" ] && candidates+=("$d/bin/python3")
done
for p in "${candidates[@]}"; do
  # pyenv shims exist for versions that are not selected; they fail the check and are skipped.
  if ok "$p"; then echo "$p"; exit 0; fi
done
cat >&2 <<'MSG'
Zastita needs Python 3.12 or newer, and none was found.
Looked for python3.13, python3.12 and python3 on PATH and in pyenv's versions.
Install one, for example:  sudo apt-get install python3.12 python3.12-venv
(or: pyenv install 3.13), then run the command again.
MSG
exit 1
