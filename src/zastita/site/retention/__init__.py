"""The retention periods page of the data-protection officer: every registered retention rule
(`core.registries.retention`) with the period in force, which the officer changes. The
periods are versioned data (`core.RetentionPeriod`); nothing is deleted here."""
