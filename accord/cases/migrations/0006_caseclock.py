"""CaseClock moves here from accord.reports, keeping every row: the model is taken over in the
state as the existing table, which is then renamed to cases_caseclock."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_name_search_indexes"),
        ("organisations", "0001_initial"),
        ("reports", "0002_caseclock_moves_to_cases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CaseClock",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("clock", models.CharField(max_length=40)),
                        ("key", models.CharField(max_length=60)),
                        ("started_on", models.DateField()),
                        ("due_on", models.DateField(blank=True, null=True)),
                        ("done_on", models.DateField(blank=True, null=True)),
                        ("excused", models.BooleanField(default=False)),
                        ("for_family", models.BooleanField(default=False)),
                        (
                            "case",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="clock_rows",
                                to="cases.case",
                            ),
                        ),
                        (
                            "provider",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="organisations.provider",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reports_caseclock",
                        "indexes": [
                            models.Index(fields=["provider", "due_on"], name="caseclock_provider_due")
                        ],
                        "constraints": [
                            models.UniqueConstraint(fields=("case", "key"), name="one_row_per_case_clock")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="caseclock", table=None),
    ]
