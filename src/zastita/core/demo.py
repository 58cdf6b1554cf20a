"""The demo data set: one account per role and a few partner organisations.

Every name here is a role label or an obviously fictional institution, never a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from zastita.accounts.models import Role, User
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


@transaction.atomic
def load() -> int:
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
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
            created += 1
    return created
