"""The state of one shared crawl cycle in Redis, read and changed in atomic steps.

Lua scripts, so that each check-and-change is one step for every worker: taking the seed
lock (and clearing the previous cycle's dupe filter and deliveries with it), releasing the
lock of a discovery left unfinished, and a snapshot of the queue, the lock and every
worker's heartbeat and in-flight count. :func:`next_step` decides from a snapshot alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsbot.distributed.keys import WORKER_ID, CrawlKeys

# KEYS: seed lock, seeded flag, dupe filter, delivered. ARGV: worker id, TTL (s).
_TAKE_SEED = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
  return 1
end
return 0
"""

# KEYS: seed lock, seeded flag. ARGV: worker id. The lock of a discovery left unfinished.
_RELEASE_SEED = """
if redis.call('GET', KEYS[1]) == ARGV[1] and redis.call('EXISTS', KEYS[2]) == 0 then
  return redis.call('DEL', KEYS[1])
end
return 0
"""

# KEYS: queue, workers, seed lock, seeded flag. ARGV: heartbeat and in-flight key prefixes.
_SNAPSHOT = """
local busy, dead = {}, {}
for _, w in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('EXISTS', ARGV[1] .. w) == 0 then
    table.insert(dead, w)
  elseif redis.call('ZCARD', ARGV[2] .. w) > 0 then
    table.insert(busy, w)
  end
end
return {redis.call('ZCARD', KEYS[1]), redis.call('GET', KEYS[3]) or '',
        redis.call('EXISTS', KEYS[4]), busy, dead}
"""


@dataclass(frozen=True)
class CycleState:
    """One atomic look at the cycle."""

    queued: int
    seeder: str | None
    seeded: bool
    busy: tuple[str, ...]
    dead: tuple[str, ...]


def next_step(state: CycleState) -> str:
    """What an idle worker does: ``rescue``, ``seed``, ``wait`` or ``done``."""
    if state.dead:
        return "rescue"
    if state.queued:
        return "wait"
    if not state.seeded:
        return "wait" if state.seeder else "seed"  # no lock, no seeding: its holder died
    return "wait" if state.busy else "done"  # busy: requests in flight, maybe ours


def take_seed_lock(server: Any, keys: CrawlKeys, ttl: int, me: str = WORKER_ID) -> bool:
    """Start a cycle, seeded by ``me``: false when another worker holds the lock."""
    names = [keys.seed, keys.seeded, keys.dupefilter, keys.delivered]
    return bool(server.eval(_TAKE_SEED, len(names), *names, me, ttl))


def release_unfinished_seed(server: Any, keys: CrawlKeys, me: str = WORKER_ID) -> bool:
    """Drop ``me``'s seed lock if discovery was not done, so that another worker seeds."""
    names = [keys.seed, keys.seeded]
    return bool(server.eval(_RELEASE_SEED, len(names), *names, me))


def snapshot(server: Any, keys: CrawlKeys, queue_key: str) -> CycleState:
    """One atomic look at the queue, the seed lock and every worker."""
    names = [queue_key, keys.workers, keys.seed, keys.seeded]
    prefixes = (keys.heartbeat(""), keys.inflight(""))
    queued, seeder, seeded, busy, dead = server.eval(_SNAPSHOT, len(names), *names, *prefixes)
    return CycleState(
        queued=int(queued),
        seeder=_text(seeder) or None,
        seeded=bool(seeded),
        busy=tuple(map(_text, busy)),
        dead=tuple(map(_text, dead)),
    )


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value or "")
