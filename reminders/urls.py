from django.urls import path

from reminders import views, views_config, views_urge_many

app_name = "reminders"

urlpatterns = [
    path("", views.log_list, name="log"),
    path("don-doc/<int:assignment_id>/", views.urge, name="urge"),
    path("don-doc/nhieu-don-vi/", views_urge_many.urge_many, name="urge_many"),
    path("cau-hinh/", views_config.settings_list, name="settings"),
    path("cau-hinh/gio-thu-tong-hop/", views_config.digest_time, name="digest_time"),
    path("cau-hinh/<int:directive_pk>/", views_config.policy, name="policy"),
    path("don-doc/mau/<int:directive_pk>/", views_urge_many.urge_template, name="urge_template"),
]
