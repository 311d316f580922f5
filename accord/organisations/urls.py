"""The service's set-up pages (service managers), under /service/."""

from django.urls import path

from accord.organisations import views_contracts, views_people, views_service

app_name = "setup"

urlpatterns = [
    path("", views_people.people_list, name="people"),
    path("people/invite/", views_people.invite, name="invite"),
    path("people/<int:user_id>/", views_people.person, name="person"),
    path("people/<int:user_id>/roles/add/", views_people.add_role, name="add_role"),
    path(
        "people/<int:user_id>/roles/<int:membership_id>/remove/",
        views_people.remove_role,
        name="remove_role",
    ),
    path("people/<int:user_id>/deactivate/", views_people.deactivate, name="deactivate"),
    path("people/<int:user_id>/reactivate/", views_people.reactivate, name="reactivate"),
    path(
        "people/<int:user_id>/accreditations/add/",
        views_service.add_accreditation,
        name="add_accreditation",
    ),
    path(
        "accreditations/<int:accreditation_id>/",
        views_service.renew_accreditation,
        name="renew_accreditation",
    ),
    path(
        "people/<int:user_id>/conflicts/add/",
        views_service.declare_conflict,
        name="declare_conflict",
    ),
    path(
        "conflicts/<int:conflict_id>/remove/",
        views_service.withdraw_conflict,
        name="withdraw_conflict",
    ),
    path(
        "invitations/<int:invitation_id>/withdraw/",
        views_people.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("invitation/<str:token>/", views_people.accept_invitation, name="accept_invitation"),
    path("bodies/", views_service.body_list, name="bodies"),
    path("bodies/<str:kind>/add/", views_service.add_body, name="add_body"),
    path("bodies/<str:kind>/<int:body_id>/", views_service.edit_body, name="edit_body"),
    path("contracts/", views_contracts.contract_list, name="contracts"),
    path("contracts/add/", views_contracts.add_contract, name="add_contract"),
    path("contracts/<int:contract_id>/", views_contracts.edit_contract, name="edit_contract"),
    path("details/", views_service.service_details, name="details"),
    path("changes/", views_service.changes, name="changes"),
    path("my-accreditations/", views_service.my_accreditations, name="my_accreditations"),
]
