from django.urls import path

from accord.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/", views.new_enquiry, name="new"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/route/", views.confirm_route, name="route"),
    path("<str:reference>/family-choice/", views.family_choice, name="family_choice"),
    path("<str:reference>/la-notified/", views.la_notified, name="la_notified"),
    path("<str:reference>/start-dr/", views.start_dr, name="start_dr"),
    path("<str:reference>/cannot-hold/", views.cannot_hold, name="cannot_hold"),
    path("<str:reference>/outcome/", views.record_outcome, name="outcome"),
    path("<str:reference>/close/", views.close, name="close"),
    path("<str:reference>/reopen/", views.reopen, name="reopen"),
    path("<str:reference>/assign/", views.assign, name="assign"),
    path("<str:reference>/risk/", views.risk_assessment, name="risk"),
    path("<str:reference>/decision-date/", views.decision_date, name="decision_date"),
    path("<str:reference>/people/add/", views.add_party, name="add_party"),
    path("<str:reference>/people/<int:party_id>/", views.edit_party, name="edit_party"),
    path("<str:reference>/people/<int:party_id>/dr-consent/", views.dr_consent, name="dr_consent"),
    path("<str:reference>/notes/add/", views.add_note, name="add_note"),
    path("<str:reference>/views/add/", views.add_child_view, name="add_child_view"),
    path(
        "<str:reference>/views/<int:view_id>/file/", views.child_view_file, name="child_view_file"
    ),
]
