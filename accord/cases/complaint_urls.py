from django.urls import path

from accord.cases import complaint_views as views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.new_complaint, name="new"),
    path("<int:complaint_id>/", views.complaint_detail, name="detail"),
    path("<int:complaint_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:complaint_id>/investigate/", views.investigate, name="investigate"),
    path("<int:complaint_id>/answer/", views.answer, name="answer"),
]
