"""A report's place becomes a code of the municipalities' reference list (a name not on the
list is kept encrypted, bound to its report, under the code "other"), and the competent
body it was forwarded to is encrypted in place. Going back is refused where it would put
an encrypted text back in clear."""

from django.db import migrations, models


def _seal(text, report_pk, field):
    from zastita.intake import sealing

    return sealing.seal(text, report_key=f"r{report_pk}", field=field)


def places_to_codes(apps, schema_editor):
    from zastita.core import municipalities

    Report = apps.get_model("intake", "Report")
    for report in Report.objects.only("pk", "municipality", "forwarded_to").iterator():
        text = report.municipality.strip()
        code = municipalities.resolve(text)
        report.municipality_other = ""
        if code is None:
            code = municipalities.OTHER
            report.municipality_other = _seal(text, report.pk, "municipality")
        report.municipality = code
        report.forwarded_to = _seal(report.forwarded_to.strip(), report.pk, "forwarded_to")
        report.save(update_fields=["municipality", "municipality_other", "forwarded_to"])


def codes_to_places(apps, schema_editor):
    from django.utils import translation

    from zastita.core import municipalities

    Report = apps.get_model("intake", "Report")
    texts = Report.objects.exclude(forwarded_to="") | Report.objects.exclude(
        municipality_other=""
    )
    if texts.exists():
        raise RuntimeError(
            "Reports hold an encrypted place or competent body: going back would put them in "
            "clear."
        )
    with translation.override("sr"):
        for report in Report.objects.only("pk", "municipality").iterator():
            report.municipality = municipalities.municipality_name(report.municipality)
            report.save(update_fields=["municipality"])


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0006_field_visit_clocks"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="municipality_other",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="report",
            name="forwarded_to",
            field=models.TextField(blank=True, verbose_name="competent body"),
        ),
        migrations.RunPython(places_to_codes, codes_to_places),
        migrations.AlterField(
            model_name="report",
            name="municipality",
            field=models.CharField(max_length=40, verbose_name="municipality or city"),
        ),
    ]
