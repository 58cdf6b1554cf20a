"""Benchmarks (`make bench`): figures printed as JSON, each beside a floor from the same run."""
