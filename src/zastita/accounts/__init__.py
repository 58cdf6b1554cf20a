"""Users, roles and capabilities, MFA and sessions."""
