"""Reports keep no tables of their own: they aggregate the stored clock rows
(accord.cases.models.CaseClock) and the other apps' records in SQL."""
