from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.views import auth as account_auth
from api import account_views as api_accounts
from home import views as home_views
from tuson_qp import health

handler400 = "tuson_qp.http_security.bad_request"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("so-lieu-den-ngay/", home_views.set_as_of, name="as_of"),
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
    path("api/", include("api.urls")),
    path("tai-khoan/ket-noi/", api_accounts.connections, name="api_connections"),
    path("lich/<str:secret>.ics", api_accounts.calendar_feed, name="calendar_feed"),
    path("chu-ky-so/", include("signatures.urls")),
    path("to-chuc/", include("tasks.org_urls")),
    path("tim-kiem/", include("search.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
