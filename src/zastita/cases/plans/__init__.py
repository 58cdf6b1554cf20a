"""The protection plan of a case: its revisions, goals, tasks (deadlines on the platform)
and the consent to share parts of it with providers; the written form and the document of
each revision."""
