from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from accounts.views import auth as account_auth
from tuson_qp import health

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="directives:list"), name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("dang-nhap/", account_auth.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", account_auth.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("quen-mat-khau/", account_auth.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", account_auth.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("dat-lai-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("admin/login/", account_auth.admin_login),  # the admin signs in through the portal
    path("chi-thi/", include("directives.urls")),
    path("viec/", include("tasks.urls")),
    path("theo-doi/", include("reports.urls")),
    path("tai-khoan/", include("accounts.urls")),
    path("nhat-ky/", include("audit.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("nhac-viec/", include("reminders.urls")),
    path("tim-kiem/", include("search.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
