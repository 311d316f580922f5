"""The /api/v1/ resources, one module per thing: each view reads through the selectors the pages
use, scoped by the client's membership, and writes through the same services."""
