"""A small smoke run of the benchmarks, so that `make bench` cannot rot unnoticed."""

from __future__ import annotations

from benchmarks import audit

from .conftest import sign_in


def test_benchmark_functions_run(client, admin_user):
    assert audit.audit_write(5, admin_user) > 0
    read = audit.audited_read(3, sign_in(client, admin_user))
    assert read["audited_page"]["p50_ms"] > 0
    verified = audit.chain_verify()
    assert verified["rows"] >= 5
    assert verified["problems"] == 0
    assert audit.bare_insert(3) > 0
