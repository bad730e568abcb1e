from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("<int:pk>/da-doc/", views.notification_mark_read, name="mark_read"),
    path("so-chua-doc/", views.notification_count, name="count"),
    path("da-doc-het/", views.notification_mark_all_read, name="mark_all_read"),
]
