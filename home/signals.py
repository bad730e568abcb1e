from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from home import as_of


@receiver(user_logged_in)
def remember_quick_pick_year(sender, request, user, **kwargs):
    """Ask the year of the header's quick picks at sign-in, so that no page asks it later."""
    if request is not None and hasattr(request, "session"):
        as_of.quick_pick_year(request, user)
