"""Trigram indexes for the caseload's search by name (PostgreSQL only; SQLite has none).

The caseload matches a word anywhere in a party's name (UPPER(name) LIKE '%WORD%') and at the
start of the child's names; pg_trgm's GIN indexes answer both without reading every row."""

from django.db import migrations

INDEXES = [
    ("party_name_trgm", "cases_party", 'UPPER("name"::text)'),
    ("child_first_name_trgm", "cases_childoryoungperson", 'UPPER("first_name"::text)'),
    ("child_last_name_trgm", "cases_childoryoungperson", 'UPPER("last_name"::text)'),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, expression in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (({expression}) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_case_open_by_deadline")]

    operations = [migrations.RunPython(create, drop)]
