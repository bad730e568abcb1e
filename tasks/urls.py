from django.urls import path

from tasks import views
from tasks.views import bulk

app_name = "tasks"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("<int:pk>/nop/", views.submission_create, name="submission_create"),
    path("<int:pk>/tiep-nhan/", views.acknowledge_assignment, name="acknowledge_assignment"),
    path("<int:pk>/gia-han/", views.extension_request_create, name="extension_request"),
    path("<int:pk>/giai-trinh/", views.explanation_request_create, name="explanation_request"),
    path("chi-thi/<int:directive_pk>/don-vi/<int:unit_pk>/tiep-nhan/", views.acknowledge_directive,
         name="acknowledge_directive"),
    path("van-ban/<int:pk>/tham-dinh/", views.submission_review, name="submission_review"),
    path("van-ban/<int:pk>/rut/", views.submission_withdraw, name="submission_withdraw"),
    path("tep/<int:pk>/", views.file_download, name="file_download"),
    path("tep/<int:pk>/xem/", views.file_view, name="file_view"),
    path("<int:pk>/goi-y-thong-tin/", views.suggest_particulars, name="suggest_particulars"),
    path("gia-han/<int:pk>/quyet-dinh/", views.extension_decide, name="extension_decide"),
    path("giai-trinh/<int:pk>/tra-loi/", views.explanation_answer, name="explanation_answer"),
    path("tham-dinh/", views.review_queue, name="review_queue"),
    path("bang-tinh/", bulk.bulk_start, name="bulk"),
    path("bang-tinh/tai-xuong/", bulk.bulk_download, name="bulk_download"),
    path("bang-tinh/<int:pk>/", bulk.bulk_preview, name="bulk_preview"),
    path("tiep-nhan/", views.acknowledgement_report, name="acknowledgement_report"),
]
