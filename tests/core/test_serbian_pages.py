"""The Serbian interface shows words, not codes: the access log's roles and record types,
and (the page walk) every page each role can open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zastita.audit.labels import RECORD_TYPES
from zastita.audit.models import Action
from zastita.audit.services import audit_record

from ..conftest import sign_in

SRC = Path(__file__).resolve().parents[2] / "src" / "zastita"


def _record_types_in_the_code() -> set[str]:
    """Every record type the code writes to the audit log, found by reading the source."""
    found: set[str] = set()
    literal = re.compile(
        r"(?:object_type=|personal_data\(|Subject\(|OBJECT_TYPE = |note_read\(request, )"
        r'"([a-z_]+)"'
    )
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(literal.findall(text))
        found.update(re.findall(r'_audit\(actor, [^,]+, "([a-z_]+)"', text))
        # f"clock_{what}" with what one of the literals given to _audit(clock, "...")
        if 'object_type=f"clock_{what}"' in text:
            found.update(f"clock_{w}" for w in re.findall(r'_audit\(clock, "([a-z_]+)"', text))
    return found


def test_every_record_type_the_code_writes_has_a_label():
    used = _record_types_in_the_code()
    assert {"person", "clock_start", "clock_stop", "subject_access", "interview"} <= used
    assert sorted(used - set(RECORD_TYPES)) == []


def test_the_access_log_shows_role_names_and_record_types_in_words(client, make_user, dpo_user):
    duty = make_user("duty_worker")
    audit_record(action=Action.TRANSITION, actor=duty, object_type="clock_start", object_id=7)
    audit_record(action=Action.VIEW, actor=None, object_type="person", object_id=3)
    sign_in(client, dpo_user)
    page = client.get("/audit/access-log/").content.decode()
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "Дежурни стручни радник" in table
    assert "рок за поступање је покренут 7" in table
    assert "особа 3" in table
    assert "систем" in table
    for code in ("duty_worker", "clock_start", ">person", "dpo,", "data_protection"):
        assert code not in table
    # "30. новембра 2026. 15:05": the long date, local time, never an ISO timestamp.
    assert re.search(r"\d{1,2}\. [а-ш]+ \d{4}\. \d{2}:\d{2}", table)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", table)


# --- the page walk: every page each role can open, in Cyrillic ---

ISO_TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?")
SNAKE = re.compile(r"(?<![\w.@/-])[a-z]+(?:_[a-z0-9]+)+(?![\w@/-])")
SCREAMING = re.compile(r"(?<![\w.-])[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+(?![\w-])")


def _codes() -> set[str]:
    """Every code the project stores for a choice, a role, an outcome or a record type:
    none of them may be shown as text."""
    from django.db import models

    from zastita.accounts.capabilities import DEFAULT_ROLES
    from zastita.identification.indicators.engine import Outcome, Tri
    from zastita.identification.templatetags.indicators import LABELS

    codes: set[str] = set(RECORD_TYPES) | set(DEFAULT_ROLES) | {o.value for o in Outcome}
    codes |= {t.value for t in Tri} | {k for k in LABELS if " " not in k}
    pending = list(models.TextChoices.__subclasses__())
    while pending:
        choices = pending.pop()
        pending.extend(choices.__subclasses__())
        if choices.__module__.startswith("zastita."):
            codes |= {str(v) for v in choices.values}
    # Codes that are also ordinary words (or numbers) are only caught by the patterns.
    return {
        c for c in codes if "_" in c or c.isupper() or (c[:1].isupper() and c[1:] != c[1:].lower())
    }


def _htcds_codes() -> set[str]:
    from zastita.identification.models import HTCDS_STATUS

    return set(HTCDS_STATUS.values())


def _english_reference_names() -> set[str]:
    import pycountry

    from zastita.core import reference

    names = {c.name for c in pycountry.countries} | {
        getattr(c, "common_name", "") for c in pycountry.countries
    }
    for code in reference.language_codes():
        language = pycountry.languages.get(alpha_3=code)
        if language is not None:
            names.add(language.name)
    # The language switcher names each interface language in itself ("English"): by design.
    return {n for n in names if len(n) >= 4} - {"English"}


def _word(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _visible_text(html: str) -> str:
    """The page's own text: no scripts, and no text a person typed or edits (a textarea,
    such as the indicator rules' YAML document, is the person's data, not the interface)."""
    html = re.sub(r"(?is)<(script|style|textarea)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    text = re.sub(r"(?s)<[^>]+>", " ", html)
    import html as html_lib

    return html_lib.unescape(text)


@pytest.fixture
def demo_world(db):
    """The demo's data (one account per role, reports at each stage, an identification
    with an assessment) plus the records the demo lacks: a decision, a relation, a
    document, an API key, so that every page has something to show."""
    from zastita.accounts.models import Role, User
    from zastita.identification.models import Identification
    from zastita.identification.services import attachment_add, decision_propose
    from zastita.intake.models import Attachment, Report, Shift
    from zastita.intake.services import attachment_add as report_attachment_add
    from zastita.partners.models import Organisation
    from zastita.partners.services import api_key_issue
    from zastita.people.identity import Identity
    from zastita.people.services import person_create, relation_add
    from zastita.site import demo

    demo.load()
    worker = User.objects.get(username="radnik")
    identification = Identification.objects.select_related("person").get()
    decision = decision_propose(
        actor=worker, identification=identification, status="identified", abroad=True,
        country="TR", exploitation=["ForcedLabour"], recruitment=[], control_means=[],
        panel=[{"user": worker.pk, "profession": "психолог"}],
        reasons="Индикатори су потврђени.",
    )  # fmt: skip
    document = attachment_add(
        actor=worker, identification=identification, kind="statement", name="izjava.txt",
        data=b"izjava", description="",
    )  # fmt: skip
    mother = person_create(
        actor=worker, identity=Identity(first_name="Мара", last_name="Тест"), birth_year=1960,
        citizenships=["TR"], languages=["nya", "rom"],
    )  # fmt: skip
    relation = relation_add(actor=worker, person=identification.person, relative=mother,
                            kind="mother")  # fmt: skip
    report = Report.objects.filter(status="registered").order_by("pk")[0]
    attachment = report_attachment_add(actor=worker, report=report, name="beleska.txt",
                                       data=b"beleska")  # fmt: skip
    organisation = Organisation.objects.order_by("pk")[0]
    key, _raw = api_key_issue(
        actor=User.objects.get(username="admin"), organisation=organisation, label="kljuc",
        capabilities=["reference.read"],
    )  # fmt: skip
    assert Attachment.objects.exists()
    return {
        "number": 1,
        "identification_id": identification.pk,
        "decision_id": decision.pk,
        "document_id": document.pk,
        "report_person_id": identification.report_person_id,
        "report_id": report.pk,
        "attachment_id": attachment.pk,
        "shift_id": Shift.objects.order_by("pk")[0].pk,
        "relation_id": relation.pk,
        # The relative: her citizenship and languages are the ones pycountry names in English.
        "person_id": mother.pk,
        "user_id": worker.pk,
        "role_id": Role.objects.get(code="worker").pk,
        "organisation_id": organisation.pk,
        "key_id": key.pk,
        "draft_id": 0,
    }


def _pages(ids: dict[str, int]) -> list[str]:
    from django.urls import get_resolver

    from zastita.identification.written import FORMS

    from ..audit.test_read_coverage import _walk

    urls = []
    for route, _pattern in _walk(get_resolver().url_patterns):
        if route.startswith("api/") or route.endswith(".pdf") or route in NOT_PAGES:
            continue
        route = route.replace("<str:set_id>", "AL")
        for kind in FORMS if "<str:kind>" in route else [""]:
            concrete = route.replace("<str:kind>", kind)
            try:
                urls.append(
                    "/" + re.sub(r"<int:([a-z_]+)>", lambda m: str(ids[m.group(1)]), concrete)
                )
            except KeyError:
                continue
    return sorted(set(urls))


# Routes that are not pages (a POST that redirects, JSON, a download) are not walked.
NOT_PAGES = {
    "logout/", "language/", "healthz", "session/heartbeat", "session/status", "drafts/save",
    "notifications/state/", "attachments/<int:attachment_id>/",
    "identification/documents/<int:document_id>/",
}  # fmt: skip

ROLES = ["radnik", "dezurni", "rukovodilac", "direktor", "prihvatiliste", "analiticar",
         "partner", "admin", "dpo"]  # fmt: skip


def _latin_leaks(english: set[str]) -> set[str]:
    """In Serbian Latin "Oman" is both languages' name; only an English name that differs
    from the Serbian Latin one of the same code counts as a leak there."""
    import pycountry
    from django.utils import translation

    from zastita.core import reference

    same: set[str] = set()
    with translation.override("sr-latn"):
        for country in pycountry.countries:
            same.add(reference.country_name(country.alpha_2))
        for code in reference.language_codes():
            same.add(reference.language_name(code))
    # "Iran" is also the start of the Serbian "Iran (Islamska Republika)".
    return {e for e in english - same if not any(e in name for name in same)}


@pytest.mark.parametrize("language", ["sr", "sr-latn"])
def test_no_page_of_the_serbian_interface_shows_english_names_or_codes(
    client, demo_world, language
):
    from zastita.accounts.models import User

    english = _english_reference_names()
    if language == "sr-latn":
        english = _latin_leaks(english)
    codes = _codes()
    htcds = _htcds_codes()
    findings: list[str] = []
    shown = 0
    for username in ROLES:
        client.logout()
        sign_in(client, User.objects.get(username=username))
        client.cookies["zastita_language"] = language
        User.objects.filter(username=username).update(language=language)
        for url in _pages(demo_world):
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            shown += 1
            text = _visible_text(response.content.decode())
            where = f"{username} {url}"
            findings += [f"{where}: English name {n!r}" for n in english if _word(n, text)]
            findings += [f"{where}: code {t!r}" for t in set(SNAKE.findall(text)) if t in codes]
            findings += [f"{where}: code {t!r}" for t in set(SCREAMING.findall(text))]
            words = (codes | htcds) - {c for c in codes if "_" in c}
            findings += [f"{where}: code {c!r}" for c in words if _word(c, text)]
            findings += [f"{where}: timestamp {m.group(0)!r}" for m in ISO_TIMESTAMP.finditer(text)]
            if "други запис" in text:  # a record type nobody labelled
                findings.append(f"{where}: an unlabelled record type")
    assert shown > 60, "the walk saw too few pages to mean anything"
    assert sorted(set(findings)) == [], "\n".join(sorted(set(findings)))


def test_the_walk_would_see_a_code_an_english_name_and_a_timestamp():
    """The checks themselves: each kind of leak is caught."""
    text = _visible_text(
        "<p>Држављанство: Türkiye · duty_worker · VICTIM · ActualVictimOfTrafficking · "
        "2026-11-30T15:05:00+00:00</p><script>var x = 'duty_worker';</script>"
    )
    assert {"Türkiye", "Chichewa", "Navajo"} <= _latin_leaks(_english_reference_names())
    assert "Türkiye" in _english_reference_names()
    assert "Türkiye" in text
    assert "duty_worker" in SNAKE.findall(text)
    assert "duty_worker" in _codes()
    assert "VICTIM" in _codes()
    assert "ActualVictimOfTrafficking" in _htcds_codes()
    assert ISO_TIMESTAMP.search(text)
    assert text.count("duty_worker") == 1  # scripts are not text
