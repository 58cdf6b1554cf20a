"""A toy domain app, installed only by tests/site/test_toy_app.py: it shows that a new app adds
itself to the platform (a notification kind, a deadline kind, a form spec and a document
type, all registered in its AppConfig.ready()) with no change to the platform apps."""
