import pytest
from rest_framework.test import APIClient

from api import services
# The upload tests' fixtures: each test's own media folder, the assignments they post to.
from tests.tasks.conftest import media_root, resolution_assignment, tuong_giang_assignment  # noqa: F401


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counts live in the cache, keyed by token id: ids repeat between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_client():
    """APIClient(user) -> a client that sends a fresh personal token of `user`."""
    def make(user):
        _token, raw = services.token_create(user=user, name="test", days=30)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client
    return make
