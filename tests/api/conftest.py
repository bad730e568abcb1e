import pytest
from rest_framework.test import APIClient

from api import services
from tasks.models import Submission
from tests.tasks.helpers import first_assignment


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counts live in the cache, keyed by token id: ids repeat between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def token_client():
    """APIClient(user) -> a client that sends a fresh personal token of `user`."""
    def make(user):
        _token, raw = services.token_create(user=user, name="test", days=30)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client
    return make


@pytest.fixture
def resolution_assignment(cast, directive):
    return first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION)


@pytest.fixture
def tuong_giang_assignment(cast, directive):
    return first_assignment("p-tuong-giang", directive)
