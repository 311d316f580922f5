"""The trigram index on a party's name (migration 0005) is dropped: the search by name reads the
case's own folded column since 0018, and nothing else asks for a party by part of their name
(at 1,000,000 cases: 76 MB, never scanned, and kept up to date on every party written). The
child's two trigram indexes stay: the possible-duplicates check of a new enquiry reads them
(docs/decisions.md, "Search by name"). Dropped CONCURRENTLY on PostgreSQL, so writes to parties
go on meanwhile; SQLite never had it.
"""

from django.db import migrations

NAME = "party_name_trgm"


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{NAME}"')


def build_again(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{NAME}" ON "cases_party" '
            'USING gin ((UPPER("name"::text)) gin_trgm_ops)'
        )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("cases", "0021_default_order_by_own_column")]

    operations = [migrations.RunPython(drop, build_again)]
