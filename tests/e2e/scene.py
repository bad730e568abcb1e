"""The portal in use, for the page walk and the screenshots: the demo's activity
(accounts.demo_activity), which `manage.py seed_demo` also builds."""

from accounts.demo_activity import AS_OF, DIRECTIVE_KEY, build_activity

__all__ = ["AS_OF", "DIRECTIVE_KEY", "build_scene"]


def build_scene(with_report=True):
    return build_activity(with_report=with_report)
