"""The intake fixtures (a duty shift and its people), for submitting a report form."""

from ..intake.conftest import duty_worker, head, on_shift

__all__ = ["duty_worker", "head", "on_shift"]
