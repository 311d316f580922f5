"""Operating Accord: health and readiness for load balancers, metrics for monitoring, request ids
in the logs, error reporting, and the deployment checks (issue 11, section 7). Counts and states
only: nothing here reads or reveals a person's data."""
