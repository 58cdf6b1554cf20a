"""Messages to staff about a subject: in-app, e-mail and the signed webhook (platform, L3)."""
