from django.urls import path

from reports import views

app_name = "reports"

# --- The compliance dashboard (reports/views.py) -------------------------------------------
urlpatterns = [
    path("", views.index, name="index"),
    path("chi-thi/<int:pk>/", views.dashboard, name="dashboard"),
    path("chi-thi/<int:pk>/xuat/", views.dashboard_export, name="dashboard_export"),
]

# --- PDF reports (reports/report_views.py) -------------------------------------------------
from reports import report_views  # noqa: E402

urlpatterns += [
    path("bao-cao/", report_views.report_list, name="report_list"),
    path("bao-cao/moi/", report_views.report_new, name="report_new"),
    path("bao-cao/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/trang-thai/", report_views.report_status, name="report_status"),
    path("bao-cao/<int:pk>/tai-xuong/", report_views.report_download, name="report_download"),
]
urlpatterns += [
    path("bao-cao/<int:pk>/tai-xuong/docx/", report_views.report_download_docx,
         name="report_download_docx"),
    path("bao-cao/<int:pk>/gui/", report_views.report_mark_sent, name="report_mark_sent"),
]
