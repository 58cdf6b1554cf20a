"""Aid in kind: stock received from donors, and what of it was given (the services of its
kinds on the cases), for the donors' reports."""
