"""Monitoring of a case: the contacts with the person, the providers and partners, and the
tasks of the plan each one followed up."""
