"""The family's own pages, under /my-case/."""

app_name = "family"

urlpatterns: list[object] = []
