from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.log_list, name="log"),
    path("don-doc/<int:assignment_id>/", views.urge, name="urge"),
]
