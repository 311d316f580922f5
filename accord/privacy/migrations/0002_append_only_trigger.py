"""Audit and history rows are append-only (accord.cases.append_only): on PostgreSQL a trigger
refuses every UPDATE and DELETE of the access log and the timeline, whoever is connected, unless
the session setting `accord.retention` is `on` — which only the retention job sets, with SET
LOCAL inside its own transaction. On SQLite (local use and the fast tests) Python's guard alone
holds the rule."""

from django.db import migrations

TABLES = ["cases_caseaccess", "cases_timelineevent"]

FUNCTION = """
CREATE OR REPLACE FUNCTION accord_append_only() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('accord.retention', true), '') = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'accord: % of % is not allowed: audit and history rows are append-only',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION accord_append_only()"
        )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS accord_append_only()")


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("cases", "0011_data_protection"),
    ]

    operations = [migrations.RunPython(install, remove)]
