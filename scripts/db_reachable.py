"""Exit 0 when the PostgreSQL server in the given URL accepts connections (used by make test)."""

import sys

import psycopg

url = sys.argv[1]
try:
    # Connect to the maintenance database: the test database is created by the test run.
    base = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(base, connect_timeout=3):
        pass
except psycopg.OperationalError:
    sys.exit(1)
