"""Names that resolve to private or link-local addresses are refused before connecting."""

from __future__ import annotations

import pytest
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.misc import load_object
from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from newsbot import settings
from newsbot.resolver import PublicAddressResolver, refuse_private

REFUSED = ["10.1.2.3", "172.16.0.1", "192.168.0.10", "169.254.169.254", "100.64.0.1",
           "0.0.0.0", "fe80::1", "fd12::1", "::ffff:192.168.0.1", "224.0.0.1"]  # fmt: skip
ALLOWED = ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "127.0.0.1", "::1"]


@pytest.mark.parametrize("address", REFUSED)
def test_a_private_answer_is_refused(address: str) -> None:
    with pytest.raises(DNSLookupError, match="non-public"):
        refuse_private(address, "intranet.example")


@pytest.mark.parametrize("address", ALLOWED)
def test_public_and_loopback_answers_pass(address: str) -> None:
    assert refuse_private(address, "news.example") == address


def resolve(monkeypatch: pytest.MonkeyPatch, answer: str) -> str | Failure:
    """Run the resolver with the system lookup replaced by ``answer``."""
    monkeypatch.setattr(
        CachingThreadedResolver,
        "getHostByName",
        lambda self, name, timeout=(): defer.succeed(answer),
    )
    resolver = PublicAddressResolver(reactor=None, cache_size=0, timeout=1.0)  # type: ignore[arg-type]
    outcome: list[str | Failure] = []
    resolver.getHostByName("news.example").addBoth(outcome.append)
    return outcome[0]


def test_the_resolver_fails_the_lookup_of_a_name_pointing_inside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outcome = resolve(monkeypatch, "169.254.169.254")
    assert isinstance(outcome, Failure)
    assert outcome.check(DNSLookupError)


def test_the_resolver_passes_a_public_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve(monkeypatch, "93.184.216.34") == "93.184.216.34"


def test_the_project_installs_it() -> None:
    assert load_object(settings.TWISTED_DNS_RESOLVER) is PublicAddressResolver
