"""A DNS resolver that never hands Scrapy a private or link-local address.

The request filter refuses private IP literals before the download, but a public-looking
name can *resolve* to one (``metadata.example`` → 169.254.169.254, DNS rebinding): the
connection would go there before any response could be checked. This resolver
(``TWISTED_DNS_RESOLVER``) fails such a lookup instead, so the request fails as
``newsbot/failed/dns`` without a connection. Loopback answers pass: whether a source may
use loopback is the request filter's decision (``allow_loopback``), and the response
filter drops loopback responses for sources that may not.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError

from newsbot.spiders.urls import is_private_address


class PublicAddressResolver(CachingThreadedResolver):
    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:
        result = super().getHostByName(name, timeout)
        result.addCallback(refuse_private, name)
        return result


def refuse_private(address: str, name: str) -> str:
    """``address`` if it may be connected to, else :class:`DNSLookupError`."""
    if is_private_address(address, allow_loopback=True):
        raise DNSLookupError(f"{name} resolves to a non-public address ({address}): refused")
    return address
