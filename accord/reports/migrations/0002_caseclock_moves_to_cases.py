"""CaseClock now belongs to accord.cases (cases/0006): forget it here without touching the
table, whose rows cases/0006 takes over and renames."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CaseClock")],
            database_operations=[],
        ),
    ]
