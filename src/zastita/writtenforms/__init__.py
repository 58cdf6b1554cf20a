"""Forms written in sections, saved as versions and approved (platform, L3)."""
