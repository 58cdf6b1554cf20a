"""Deadlines on any subject: targets as data, warnings, breach and escalation (platform, L3)."""
