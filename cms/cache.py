"""Django's database cache, with an increment that two server processes cannot interleave.

Django's incr() is a read followed by a write: two gunicorn workers counting the same client's
request at the same moment would both write the same number, and the rate limit
(search/ratelimit.py) would lose a count. Here a no-op UPDATE of the row comes first, inside the
same transaction: it takes the row's lock on PostgreSQL and the database's write lock on SQLite,
so the other worker waits until this count is written.
"""

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        database = router.db_for_write(self.cache_model_class)
        connection = connections[database]
        table = connection.ops.quote_name(self._table)
        stored_key = self.make_and_validate_key(key, version=version)
        with transaction.atomic(using=database):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET expires = expires WHERE cache_key = %s",
                    [stored_key],
                )
            return super().incr(key, delta, version)
