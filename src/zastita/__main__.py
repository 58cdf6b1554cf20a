"""`python -m zastita` is the same as the `zastita` command."""

from zastita.cli import main

main()
