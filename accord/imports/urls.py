from django.urls import path

from accord.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("template.csv", views.template, name="template"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/import/", views.apply, name="apply"),
]
