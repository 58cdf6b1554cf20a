"""Assignments (platform, L3): who works on a record, with whom, in which team; every change
kept, audited and told to the new assignee; the head of service's workload page."""
