"""A small smoke run of the benchmarks, so that `make bench` cannot rot unnoticed."""

from __future__ import annotations

from benchmarks import audit, intake

from .conftest import sign_in


def test_benchmark_functions_run(client, admin_user):
    assert audit.audit_write(5, admin_user) > 0
    read = audit.audited_read(3, sign_in(client, admin_user))
    assert read["audited_page"]["p50_ms"] > 0
    verified = audit.chain_verify()
    assert verified["rows"] >= 5
    assert verified["problems"] == 0
    assert audit.bare_insert(3) > 0


def test_intake_benchmark_functions_run(make_user):
    head, worker = make_user("head_of_service"), make_user("worker")
    intake.on_duty(head, worker)
    latency = intake.notification_latency(worker, 3)
    assert latency["saved_to_queued"]["p99_ms"] > 0
    scan = intake.clock_scan_at_scale(40, due=4)
    assert scan["due_in_scan"] == 4
    assert scan["running_clocks"] >= 40


def test_identification_benchmark_functions_run(make_user):
    from benchmarks import identification

    engine = identification.engine(20)
    assert engine["evaluations_per_s"] > 0
    assert sum(engine["outcomes"].values()) == 20
    saved = identification.assessment(make_user("worker"), 3)
    assert saved["p50_ms"] > 0
    assert saved["floor_audited_write"]["p50_ms"] > 0


def test_lists_benchmark_functions_run(make_user):
    from benchmarks import lists

    worker, dpo = make_user("worker"), make_user("dpo")
    result = lists.run(
        {"worker": lists.signed_in(worker), "dpo": lists.signed_in(dpo)},
        staff=[worker, make_user("head_of_service")],
        worker=worker,
        small=120,
        large=240,
        n=2,
    )
    assert set(result["growth_p50"]) == {*lists.PAGES, "floor_health_check"}
    assert result["large"]["floor_health_check"]["p50_ms"] > 0
    assert result["sizes"]["small"]["reports"] == 120


def test_protection_benchmark_functions_run(make_user):
    """The protection benchmark's pages against its floor, an empty page that is audited:
    each request of the floor records one audit event, as every page does."""
    from benchmarks import cases, lists, people
    from django.test.utils import override_settings

    from zastita.audit.models import AuditEvent

    head = make_user("head_of_service")
    people.seed(6)
    seeded = cases.seed(4, tasks=2, services=3, head=head, due=1)
    assert seeded["cases"] == 4
    assert seeded["services"] == 12
    with override_settings(ROOT_URLCONF="benchmarks.urls"):
        client = lists.signed_in(head)
        before = AuditEvent.objects.filter(object_type="case", object_id="").count()
        assert client.get("/bench/empty").status_code == 200
        assert AuditEvent.objects.filter(object_type="case", object_id="").count() == before + 1
        result = cases.pages(client, 2)
    assert result["case_page"]["p95_over_floor"] > 0
    assert result["floor_empty_audited_page"]["p50_ms"] > 0
    scan = cases.task_scan(due=1)
    assert scan["running_tasks"] == 8
