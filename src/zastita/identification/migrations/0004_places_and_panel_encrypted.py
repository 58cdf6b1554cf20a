"""A decision's place of exploitation becomes a code of the municipalities' list (a name not
on it kept encrypted under the code "other"), the professions its panel members stated are
encrypted (the panel keeps only user ids), and a proceeding's authority is encrypted; each
bound to its record. Going back is refused where it would put those texts back in clear."""

import json

from django.db import migrations, models


def _seal(text, record):
    from zastita.core.crypto import keyring

    return keyring().encrypt(text, context=f"identification:{record}".encode()) if text else ""


def encrypt_texts(apps, schema_editor):
    from zastita.core import municipalities

    Decision = apps.get_model("identification", "Decision")
    Proceeding = apps.get_model("identification", "Proceeding")
    for decision in Decision.objects.all().iterator():
        record = f"decision:{decision.pk}"
        place = decision.municipality.strip()
        code = municipalities.resolve(place) or (municipalities.OTHER if place else "")
        decision.municipality = code
        decision.municipality_other = (
            _seal(place, record + ":municipality") if code == municipalities.OTHER else ""
        )
        panel = decision.panel or []
        professions = [str(m.get("profession") or "").strip() for m in panel]
        decision.panel = [{"user": m.get("user")} for m in panel]
        decision.panel_professions = (
            _seal(json.dumps(professions, ensure_ascii=False), record + ":panel")
            if panel
            else ""
        )
        decision.save(
            update_fields=["municipality", "municipality_other", "panel", "panel_professions"]
        )
    for proceeding in Proceeding.objects.all().iterator():
        proceeding.authority = _seal(
            proceeding.authority.strip(), f"proceeding:{proceeding.pk}:authority"
        )
        proceeding.save(update_fields=["authority"])


def refuse_to_decrypt(apps, schema_editor):
    from django.utils import translation

    from zastita.core import municipalities

    Decision = apps.get_model("identification", "Decision")
    Proceeding = apps.get_model("identification", "Proceeding")
    encrypted = (
        Decision.objects.exclude(municipality_other="").exists()
        or Decision.objects.exclude(panel_professions="").exists()
        or Proceeding.objects.exclude(authority="").exists()
    )
    if encrypted:
        raise RuntimeError(
            "Decisions or proceedings hold encrypted places, professions or authorities: going "
            "back would put them in clear."
        )
    with translation.override("sr"):
        for decision in Decision.objects.exclude(municipality="").iterator():
            decision.municipality = municipalities.municipality_name(decision.municipality)
            decision.save(update_fields=["municipality"])


class Migration(migrations.Migration):
    dependencies = [
        ("identification", "0003_written_forms_and_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="municipality_other",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="panel_professions",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="proceeding",
            name="authority",
            field=models.TextField(verbose_name="authority"),
        ),
        migrations.RunPython(encrypt_texts, refuse_to_decrypt),
        migrations.AlterField(
            model_name="decision",
            name="municipality",
            field=models.CharField(blank=True, max_length=40, verbose_name="municipality or city"),
        ),
    ]
