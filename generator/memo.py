"""Answers remembered for the very objects they were computed from.

A case and what is derived from it are immutable, and rendering one case asks
the same question of the same objects many times (which filings apply, which
debits are disputed …). Keying on the objects' identity, not their value, costs
nothing per call, where hashing a whole case would cost as much as some of the
answers; holding the arguments keeps their ids from being reused while cached.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

T = TypeVar("T")


def by_identity(size: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Remember a function's last `size` results, keyed by the identity of its positional arguments."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        remembered: OrderedDict[tuple[int, ...], tuple[tuple[Any, ...], T]] = OrderedDict()

        @wraps(function)
        def remembering(*args: Any) -> T:
            key = tuple(map(id, args))
            hit = remembered.get(key)
            if hit is not None:  # the arguments are held, so no other object can have their ids
                remembered.move_to_end(key)
                return hit[1]
            result = function(*args)
            remembered[key] = (args, result)
            if len(remembered) > size:
                remembered.popitem(last=False)
            return result

        return remembering

    return decorate
