from django.urls import path

from accord.inbound import views

app_name = "inbound"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.mail_detail, name="mail"),
    path("<int:pk>/read/", views.mark_read, name="mark_read"),
    path("<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("<int:pk>/file/", views.file_to_case, name="file_to_case"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
]
