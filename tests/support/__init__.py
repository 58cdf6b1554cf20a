"""Test-only app: lets the test runner empty the append-only audit table between tests."""
