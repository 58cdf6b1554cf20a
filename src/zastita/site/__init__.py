"""The wiring (L6): home page, navigation, language, error pages, demo data, commands."""
