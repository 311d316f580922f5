"""The API for councils and health bodies (docs/api.md): scoped clients, the /api/v1/ resources,
the OpenAPI schema, and signed webhooks. It stands beside portal, family, reports and reminders:
it reads and writes cases only through the selectors and services the pages use."""
