"""The HTTP API under /api/v1, assembled from each app's `api.py`."""
