from django.urls import path

from tasks.views import organisation

app_name = "organisation"

urlpatterns = [
    path("", organisation.tree, name="tree"),
    path("hop-nhat/", organisation.merge, name="merge"),
    path("<int:pk>/", organisation.unit, name="unit"),
    path("<int:pk>/chia-tach/", organisation.split, name="split"),
]
