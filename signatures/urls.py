from django.urls import path

from signatures import views

app_name = "signatures"

urlpatterns = [
    path("", views.trusted_certificates, name="trusted"),
    path("chi-thi/<int:pk>/", views.requirements, name="requirements"),
]
