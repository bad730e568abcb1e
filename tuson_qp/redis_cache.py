"""Django's Redis cache with one redis-py client per connection pool, kept.

django.core.cache.backends.redis makes a new redis.Redis for every operation (its
get_client), and a redis.Redis sets up some two hundred response callbacks when made:
about 70 µs each time, several times a page (the dashboard reads and writes its pieces,
each request reads the two-factor policy's version). A client is a thin, thread-safe
front to its pool; keeping one per pool changes nothing else.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
