"""The append-only, tamper-evident audit trail and the access log built on it."""
