"""The demo data set: one account per role and a few partner organisations.

Every name here is a role label or an obviously fictional institution, never a person.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.db import connection, transaction

from zastita.accounts.models import Role, SealedTOTPDevice, User
from zastita.core.sqlite_file import sqlite_file
from zastita.partners.models import Organisation, Sector

DEMO_PASSWORD = "demo-Zastita-2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    full_name: str
    organisation: str | None = None


ORGANISATIONS = [
    ("Демо основна школа", Sector.EDUCATION, "Београд"),
    ("Демо дом здравља", Sector.HEALTH, "Нови Сад"),
    ("Демо центар за социјални рад", Sector.SOCIAL_WORK, "Ниш"),
    ("Демо полицијска управа", Sector.POLICE, "Београд"),
    ("Демо невладина организација", Sector.NGO_IO, "Београд"),
    ("Демо инспекција рада", Sector.LABOUR_INSPECTION, "Смедерево"),
]

ACCOUNTS = [
    DemoAccount("radnik", "worker", "Демо стручни радник"),
    DemoAccount("dezurni", "duty_worker", "Демо дежурни радник"),
    DemoAccount("rukovodilac", "head_of_service", "Демо руководилац Службе"),
    DemoAccount("direktor", "director", "Демо директор"),
    DemoAccount("prihvatiliste", "shelter_staff", "Демо радник Прихватилишта"),
    DemoAccount("analiticar", "analyst", "Демо аналитичар"),
    DemoAccount("partner", "partner_reporter", "Демо пријавилац", "Демо основна школа"),
    DemoAccount("admin", "administrator", "Демо администратор"),
    DemoAccount("dpo", "dpo", "Демо лице за заштиту података"),
]


def secure_database_file() -> None:
    """The demo's SQLite database readable and writable by its owner only (0600), like the
    key file: created so before anything connects to it, and tightened if it already exists.
    SQLite gives its -wal and -shm files the database file's mode."""
    path = sqlite_file(connection)
    if path is None:
        return
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # An empty file is an empty SQLite database.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for suffix in ("", "-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.chmod(0o600)


def load() -> int:
    """Idempotent: running it again adds nothing."""
    secure_database_file()
    with transaction.atomic():
        created = _accounts()
    return created + _duty_and_reports()


def _accounts() -> int:
    created = 0
    orgs: dict[str, Organisation] = {}
    for name, sector, municipality in ORGANISATIONS:
        org, new = Organisation.objects.get_or_create(
            name=name, municipality=municipality, defaults={"sector": sector}
        )
        orgs[name] = org
        created += new
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User(
                username=account.username,
                full_name=account.full_name,
                organisation=orgs.get(account.organisation or ""),
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.roles.set([Role.objects.get(code=account.role)])
            created += 1
        if not SealedTOTPDevice.objects.filter(user=user, confirmed=True).exists():
            SealedTOTPDevice.issue(user=user, name="demo", confirmed=True)
            created += 1
    return created


# Synthetic reports for the demo: invented situations, no names, each a different stage.
DEMO_REPORTS = [
    ("phone", "immediate", "Београд", ["SexualExploitation"],
     "Позив анонимне особе: у стану на Новом Београду држе две девојке; прете им.",
     ["девојка, око 17 година", "жена, око 20 година"], "received"),
    ("partner_app", "child", "Ниш", ["ForcedBegging"],
     "Школа пријављује да ученик недељама не долази и да проси на раскрсници.",
     ["дечак, 11 година"], "registered"),
    ("email", "ordinary", "Смедерево", ["ForcedLabour"],
     "Инспекција рада: радници на градилишту без плате и без пасоша.",
     ["мушкарац, око 40 година"], "accepted"),
]  # fmt: skip


def _duty_and_reports() -> int:
    """A week of shifts around now (the duty worker primary, the worker backup) and a few
    reports at different stages, so the duty board has something to show."""
    import datetime

    from django.utils import timezone

    from zastita.intake.models import Report, Shift
    from zastita.intake.roster import shift_create
    from zastita.intake.services import PersonInput, ReportInput, report_create, report_transition

    if Shift.objects.exists() or Report.objects.exists():
        return 0
    head = User.objects.get(username="rukovodilac")
    duty = User.objects.get(username="dezurni")
    worker = User.objects.get(username="radnik")
    start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    start -= datetime.timedelta(days=1)
    created = 0
    for day in range(7):
        begin = start + datetime.timedelta(days=day)
        for first, second in ((duty, worker), (worker, duty)):
            end = begin + datetime.timedelta(hours=12)
            shift_create(actor=head, user=first, kind="primary", starts_at=begin, ends_at=end)
            shift_create(actor=head, user=second, kind="backup", starts_at=begin, ends_at=end)
            begin = end
            created += 2
    received = timezone.now() - datetime.timedelta(minutes=50)
    for channel, urgency, place, forms, narrative, persons, stage in DEMO_REPORTS:
        report = report_create(actor=duty, data=ReportInput(
            channel=channel, received_at=received, reporter_kind="anonymous",
            municipality=place, exploitation=forms, urgency=urgency, narrative=narrative,
            persons=[PersonInput(description=p) for p in persons],
        ))  # fmt: skip
        if stage in ("registered", "accepted"):
            report = report_transition(actor=duty, report=report, to="registered")
        if stage == "accepted":
            report_transition(actor=duty, report=report, to="accepted")
        received -= datetime.timedelta(hours=5)
        created += 1
    return created + _identification(worker, received)


def _identification(worker: User, received: object) -> int:
    """One person, generated, under identification: a report on forced labour accepted,
    the field interview held, the adult labour set partly answered (so the explanation shows
    what is missing) and a needs assessment in draft."""
    import datetime

    from django.utils import timezone

    from zastita.core.synthetic import generate
    from zastita.identification import services as identification
    from zastita.intake.services import PersonInput, ReportInput, report_create, report_transition
    from zastita.people.identity import Identity
    from zastita.people.services import person_create

    generated = next(generate(1, seed=2026))
    person = person_create(
        actor=worker,
        identity=Identity(first_name=generated.given_name, last_name=generated.surname),
        birth_year=1988, sex=generated.sex,
    )  # fmt: skip
    at = timezone.now() - datetime.timedelta(hours=30)
    report = report_create(actor=worker, data=ReportInput(
        channel="email", received_at=at, reporter_kind="anonymous", municipality="Крагујевац",
        exploitation=["ForcedLabour"], urgency="ordinary",
        narrative="Радник у пекари ради по 14 сати без плате; газда држи његов пасош.",
        persons=[PersonInput(person_id=person.pk)],
    ))  # fmt: skip
    report = report_transition(actor=worker, report=report, to="registered")
    report = report_transition(actor=worker, report=report, to="accepted")
    opened = identification.identification_start(actor=worker, report_person=report.persons.get())
    identification.interview_record(
        actor=worker, identification=opened, kind="field",
        held_at=timezone.now() - datetime.timedelta(hours=3), place="Крагујевац, на терену",
        participants="стручни радник Центра, радник центра за социјални рад",
    )  # fmt: skip
    identification.assessment_save(
        actor=worker, identification=opened, set_id="AL", age_at_exploitation=37,
        answers={"AL.DR.01": "present", "AL.DR.02": "unknown", "AL.EX.01": "present",
                 "AL.EX.02": "present", "AL.CD.01": "present", "AL.CD.02": "present"},
    )  # fmt: skip
    identification.form_save(
        actor=worker, identification=opened, kind="needs", base_version=0, autosave=True,
        sections={"safety": "Потребан смештај, газда зна где станује.",
                  "legal": "Пасош је код послодавца: потребна нова исправа."},
    )  # fmt: skip
    return 1
