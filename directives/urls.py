from django.urls import path

from directives import import_views, views

app_name = "directives"

urlpatterns = [
    path("", views.directive_list, name="list"),
    path("<int:pk>/", views.directive_detail, name="detail"),
    path("<int:pk>/sao-nam-sau/", views.copy_next_year, name="copy_next_year"),
    # Importing a directive from its text (the Office only).
    path("nhap/", import_views.import_start, name="import_start"),
    path("nhap/<int:pk>/", import_views.import_draft, name="import_draft"),
    path("nhap/<int:pk>/tao-van-ban/", import_views.import_publish, name="import_publish"),
    path("nhap/<int:pk>/xoa/", import_views.import_discard, name="import_discard"),
]
