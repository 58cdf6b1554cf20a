"""Drafts: what a user typed into a form and has not yet submitted, kept on the server."""
