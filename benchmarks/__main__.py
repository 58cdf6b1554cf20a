"""`make bench`: builds a throwaway database (PostgreSQL with DATABASE_URL, else SQLite),
runs the benchmarks and prints one JSON object."""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zastita.config.settings.test")
    if not os.environ.get("DATABASE_URL"):
        os.environ["ZASTITA_VAR_DIR"] = tempfile.mkdtemp(prefix="zastita-bench-")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from benchmarks import audit, identification, intake, lists, people
    from benchmarks import cases as protection

    n = int(os.environ.get("BENCH_N", "2000"))
    persons = int(os.environ.get("BENCH_PERSONS", "20000"))
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from django.test import Client
        from django_otp import DEVICE_ID_SESSION_KEY

        from zastita.accounts.models import Role, SealedTOTPDevice, User

        admin = User.objects.create(username="bench.admin", full_name="Bench")
        admin.roles.set([Role.objects.get(code="administrator")])
        device = SealedTOTPDevice.issue(user=admin, name="bench", confirmed=True)
        for i in range(50):
            User.objects.create(username=f"bench{i}", full_name=f"Bench {i}")
        client = Client()
        client.force_login(admin, backend="zastita.accounts.backends.UsernameBackend")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

        worker = User.objects.create(username="bench.worker", full_name="Bench worker")
        worker.roles.set([Role.objects.get(code="worker")])
        seeded = people.seed(persons)
        registry = {
            "seeding": seeded,
            **people.search(worker, persons),
            **people.duplicate_check(worker, persons),
        }
        head = User.objects.create(username="bench.head", full_name="Bench head")
        head.roles.set([Role.objects.get(code="head_of_service")])
        from django.test.utils import override_settings

        with override_settings(ROOT_URLCONF="benchmarks.urls"):
            # As many running clocks as the protection benchmark has running tasks.
            reports = int(os.environ.get("BENCH_REPORTS", "200000"))
            intake.on_duty(head, worker)
            intake_results = {
                "api_intake": intake.api_intake(admin, head, max(200, n // 2)),
                "notification_queued": intake.notification_latency(worker, max(100, n // 10)),
                "clock_scan": intake.clock_scan_at_scale(reports, due=200),
            }
        identification_results = {
            "engine": identification.engine(n),
            "assessment_save": identification.assessment(worker, max(50, n // 10)),
        }
        case_count = min(int(os.environ.get("BENCH_CASES", "20000")), persons)
        protection_results = {
            "seeding": protection.seed(case_count, tasks=10, services=20, head=head, due=200)
        }
        with override_settings(ROOT_URLCONF="benchmarks.urls"):  # the empty audited page
            protection_results.update(
                protection.pages(lists.signed_in(head), int(os.environ.get("BENCH_PAGE_N", "100")))
            )
        protection_results["task_scan"] = protection.task_scan(due=200)
        chained = audit.audit_write(n, admin)
        read = audit.audited_read(max(50, n // 10), client)
        verified = audit.chain_verify()
        floor = audit.bare_insert(n)
        dpo = User.objects.create(username="bench.dpo", full_name="Bench DPO")
        dpo.roles.set([Role.objects.get(code="dpo")])
        staff = list(User.objects.filter(username__startswith="bench").order_by("pk"))
        list_results = lists.run(
            {"worker": lists.signed_in(worker), "dpo": lists.signed_in(dpo)},
            staff=staff,
            worker=worker,
            small=int(os.environ.get("BENCH_LIST_SMALL", "1000")),
            large=int(os.environ.get("BENCH_LIST_LARGE", "20000")),
            n=int(os.environ.get("BENCH_LIST_N", "40")),
        )
        results = {
            "database": connection.vendor,
            "python": platform.python_version(),
            "audit_write": {
                "events_per_s": round(chained, 1),
                "floor_bare_insert_per_s": round(floor, 1),
                "n": n,
            },
            "audited_read": read,
            "audit_verify": verified,
            "person_registry": registry,
            "intake": intake_results,
            "identification": identification_results,
            "protection": protection_results,
            "lists": list_results,
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    json.dump(results, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
