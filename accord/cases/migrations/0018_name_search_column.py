"""The caseload's search by name: one folded column on the case and its indexes.

`Case.name_search` holds the child's and every party's name folded by
`accord.cases.name_search.normalise_name`, which keeps it from then on. This migration fills it
for the cases already there. On PostgreSQL one UPDATE ... FROM does it in SQL for names in plain
ASCII (lower case, apostrophes dropped, anything not a letter or digit a space: exactly what the
Python function does to them), then the few cases with a name outside ASCII (accents, curly
apostrophes) are recomputed with the Python function itself, so both always agree. SQLite (tests,
local use) does every case in Python. Then a pg_trgm GIN index on the column (PostgreSQL only;
SQLite searches it with LIKE and no index)."""

import django.db.models.functions.text
from django.db import migrations, models

from accord.cases.name_search import name_search_text

_FOLD = (
    "NULLIF(btrim(regexp_replace(regexp_replace(lower({0}), '[''`]', '', 'g'),"
    " '[^a-z0-9]+', ' ', 'g')), '')"
)

# Built from the constant above, no input: one UPDATE ... FROM over every case.
FILL_ASCII = f"""
UPDATE cases_case AS c
SET name_search = ' ' || concat_ws(' ', v.first_name, v.last_name, v.names) || ' '
FROM (
    SELECT c2.id,
           {_FOLD.format("ch.first_name")} AS first_name,
           {_FOLD.format("ch.last_name")} AS last_name,
           p.names
    FROM cases_case AS c2
    JOIN cases_childoryoungperson AS ch ON ch.id = c2.child_id
    LEFT JOIN (
        SELECT party.case_id, string_agg({_FOLD.format("party.name")}, ' ' ORDER BY party.id) AS names
        FROM cases_party AS party
        GROUP BY party.case_id
    ) AS p ON p.case_id = c2.id
) AS v
WHERE v.id = c.id
"""  # noqa: S608

# A name with a character outside ASCII takes more bytes than characters in UTF-8.
NOT_ASCII = """
SELECT c.id FROM cases_case AS c JOIN cases_childoryoungperson AS ch ON ch.id = c.child_id
WHERE octet_length(ch.first_name || ch.last_name) <> char_length(ch.first_name || ch.last_name)
UNION
SELECT case_id FROM cases_party WHERE octet_length(name) <> char_length(name)
"""

BATCH = 2000


def _refresh(apps, case_ids):
    Case = apps.get_model("cases", "Case")
    Party = apps.get_model("cases", "Party")
    names = {
        pk: [first, last]
        for pk, first, last in Case.objects.filter(pk__in=case_ids).values_list(
            "pk", "child__first_name", "child__last_name"
        )
    }
    for case_id, name in (
        Party.objects.filter(case_id__in=case_ids).order_by("pk").values_list("case_id", "name")
    ):
        names[case_id].append(name)
    for case_id, case_names in names.items():
        Case.objects.filter(pk=case_id).update(name_search=name_search_text(case_names))


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(FILL_ASCII)
            cursor.execute(NOT_ASCII)
            ids = [row[0] for row in cursor.fetchall()]
    else:
        ids = list(apps.get_model("cases", "Case").objects.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        _refresh(apps, ids[start : start + BATCH])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        'CREATE INDEX IF NOT EXISTS "case_name_search_trgm" ON "cases_case" '
        'USING gin ("name_search" gin_trgm_ops)'
    )
    # The default caseload searches open cases only (and the few closed ones still followed
    # up, by id): most cases are closed, and each closed match would be a row read to drop it.
    schema_editor.execute(
        'CREATE INDEX IF NOT EXISTS "case_open_name_search_trgm" ON "cases_case" '
        "USING gin (\"name_search\" gin_trgm_ops) WHERE \"state\" <> 'closed'"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute('DROP INDEX IF EXISTS "case_name_search_trgm"')
    schema_editor.execute('DROP INDEX IF EXISTS "case_open_name_search_trgm"')


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0017_merge_parallel_work_3"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="name_search",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_index, drop_index),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                django.db.models.functions.text.Upper("reference"), name="case_reference_upper"
            ),
        ),
    ]
