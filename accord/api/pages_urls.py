from django.urls import path

from accord.api import pages

app_name = "api_pages"

urlpatterns = [
    path("", pages.client_list, name="clients"),
    path("new/", pages.new_client, name="new_client"),
    path("<int:client_id>/revoke/", pages.revoke, name="revoke"),
    path("webhooks/", pages.deliveries, name="deliveries"),
]
