"""The home page and the "as of" date are tested on the dashboard's hand-counted world
(tests/reports/conftest.py): clock frozen at 20/05/2022, figures read as of 10/05/2022."""

import pytest

from tests.reports.conftest import AS_OF, TODAY, clock, world  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def own_cache(settings):
    """A cache of this module's own: the home page reads the dashboard's cached figures."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests-home"}}
    from django.core.cache import cache

    cache.clear()


def choose_as_of(client, day, next_url="/"):
    """Set the portal's "as of" date as the header's form does."""
    return client.post("/so-lieu-den-ngay/", {"ngay": f"{day:%d/%m/%Y}", "next": next_url})


__all__ = ["AS_OF", "TODAY", "choose_as_of"]
