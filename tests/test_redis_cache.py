"""tuson_qp.redis_cache: Django's Redis cache, one redis-py client per pool kept."""

import uuid

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from tests.conftest import require_service
from tests.reminders.worker_support import broker_url, redis_answers
from tuson_qp.redis_cache import RedisCache


def test_one_client_serves_every_operation_and_answers_as_django_s():
    url = broker_url()
    require_service("Redis", redis_answers(url), url)
    params = {"KEY_PREFIX": f"test-{uuid.uuid4().hex}", "TIMEOUT": 60}
    ours, django_s = RedisCache(url, params), DjangoRedisCache(url, params)
    ours.set("figures", {"done": 3}, 60)
    assert django_s.get("figures") == {"done": 3} == ours.get("figures")  # same keys, same pickles
    assert ours.add("lock", 1, 60) and not ours.add("lock", 1, 60)
    ours.set_many({"a": 1, "b": [2]}, 60)
    assert ours.get_many(["a", "b", "c"]) == {"a": 1, "b": [2]}
    client = ours._cache.get_client(write=True)
    assert ours._cache.get_client() is client is ours._cache.get_client("figures", write=True)
    assert django_s._cache.get_client() is not django_s._cache.get_client()  # what it spares
    ours.delete_many(["figures", "lock", "a", "b"])
