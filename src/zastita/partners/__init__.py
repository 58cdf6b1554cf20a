"""The register of partner organisations and their API keys."""
