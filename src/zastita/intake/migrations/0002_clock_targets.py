"""The Center's response targets to start from (the head of service can change them):
first contact within 1 hour for immediate danger or a child and 4 hours otherwise; the
decision within 4, 8 or 48 hours; the field identification visit within 24 hours."""

from django.db import migrations

TARGETS = {
    ("first_contact", "immediate"): 60,
    ("first_contact", "child"): 60,
    ("first_contact", "ordinary"): 240,
    ("decision", "immediate"): 240,
    ("decision", "child"): 480,
    ("decision", "ordinary"): 2880,
    ("field_visit", "immediate"): 1440,
    ("field_visit", "child"): 1440,
    ("field_visit", "ordinary"): 1440,
}


def install(apps, schema_editor):
    ClockTarget = apps.get_model("intake", "ClockTarget")
    for (kind, urgency), minutes in TARGETS.items():
        ClockTarget.objects.get_or_create(
            kind=kind, urgency=urgency, defaults={"minutes": minutes, "warn_at_percent": [50, 80]}
        )


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
