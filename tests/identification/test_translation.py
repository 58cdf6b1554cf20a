"""The indicator sets' texts in the user's language: Cyrillic from the catalogue, Latin
derived from it, English as written, and the text itself when no translation exists."""

from __future__ import annotations

from django.utils import translation

from zastita.identification.indicators.engine import load_rules
from zastita.identification.indicators.translation import _catalogue, localise

from ..conftest import sign_in


def test_every_text_of_the_shipped_rules_is_translated():
    book = load_rules()
    texts = {*book.dimensions.values()}
    for indicator_set in book.sets.values():
        texts.add(indicator_set.name)
        texts.update(i.text for i in indicator_set.indicators)
    assert texts - set(_catalogue()) == set()


def test_each_language_gets_its_script():
    with translation.override("sr"):
        assert localise("Debt bondage") == "Дужничко ропство"
    with translation.override("sr-latn"):
        assert localise("Debt bondage") == "Dužničko ropstvo"
    with translation.override("en"):
        assert localise("Debt bondage") == "Debt bondage"
    with translation.override("sr"):
        assert localise("A text added in a new version") == "A text added in a new version"


def test_the_checklist_is_in_serbian(client, worker_user, identification):
    sign_in(client, worker_user)
    page = client.get(f"/identification/{identification.pk}/assessment/AL/").content.decode()
    assert "Дужничко ропство" in page
    assert "Трговина одраслима ради радне експлоатације" in page
    assert "<legend>Обмањујуће врбовање" in page
    # The rules' internal references are never shown as text.
    assert "AL.CD.02" not in page
    assert "DR:" not in page
    client.cookies["zastita_language"] = "en"
    english = client.get(f"/identification/{identification.pk}/assessment/AL/").content.decode()
    assert "Debt bondage" in english
    assert "AL.CD.02" not in english
