from django.urls import path

from accounts.views import account, auth, people

app_name = "accounts"

urlpatterns = [
    path("", account.profile, name="profile"),
    path("xac-thuc-hai-buoc/", account.two_factor, name="two_factor"),
    path("dang-nhap/ma-xac-thuc/", auth.login_otp, name="login_otp"),
    path("don-vi/", people.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/", people.unit_detail, name="unit_detail"),
    path("can-bo/", people.person_list, name="person_list"),
    path("can-bo/<int:pk>/", people.person_detail, name="person_detail"),
    path("bao-mat/", people.security_policy, name="security_policy"),
]
