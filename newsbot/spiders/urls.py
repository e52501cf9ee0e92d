"""URL canonicalization and the URL safety policy: scheme, domains, IP literals, extensions.

Pure functions: the spider canonicalizes every discovered URL so one article reached by
two URLs is fetched once, and the request filter middleware applies :func:`refusal`.
"""

from __future__ import annotations

import ipaddress
import posixpath
from collections.abc import Iterable
from enum import StrEnum
from urllib.parse import (
    SplitResult,
    parse_qsl,
    unquote,
    urlencode,
    urljoin,
    urlsplit,
    urlunsplit,
)

# Query parameters that only track the click, never select content.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid",
        "cmpid", "ocid", "ncid", "taid", "__twitter_impression", "at_medium", "at_campaign",
    }
)  # fmt: skip
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "mtm_", "ga_")

# Extensions of documents and media that are never article pages.
NON_HTML_EXTENSIONS: frozenset[str] = frozenset(
    {
        # documents and data
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf",
        "csv", "txt", "json", "xml", "rss", "atom", "epub", "ps", "eps",
        # images
        "jpg", "jpeg", "png", "gif", "webp", "svg", "bmp", "ico", "tif", "tiff", "avif", "heic",
        # audio and video
        "mp3", "mp4", "m4a", "m4v", "wav", "ogg", "oga", "ogv", "webm", "avi", "mov", "wmv",
        "flv", "mkv", "aac", "flac", "m3u8", "ts",
        # archives, binaries, code
        "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar", "exe", "msi", "dmg", "apk",
        "iso", "bin", "css", "js", "woff", "woff2", "ttf", "otf", "eot", "swf",
    }
)  # fmt: skip

ALLOWED_SCHEMES = ("http", "https")


class Refusal(StrEnum):
    """Why a URL is not fetched; the value is the stat key's last part."""

    SCHEME = "bad_scheme"
    OFFSITE = "offsite"
    PRIVATE_ADDRESS = "private_address"
    NON_HTML = "non_html"


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonicalize_url(url: str) -> str:
    """Drop the fragment and tracking parameters, sort the query, normalize scheme, host, port.

    >>> canonicalize_url("HTTPS://Example.com:443/a?utm_source=x&b=2&a=1#top")
    'https://example.com/a?a=1&b=2'
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. "http://[::1": left as it is, the request filter refuses it
        return url.strip()
    scheme = parts.scheme.lower()
    netloc = _netloc(scheme, parts)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = sorted((k, v) for k, v in pairs if not is_tracking_param(k))
    path = parts.path or ("/" if netloc else "")
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def _netloc(scheme: str, parts: SplitResult) -> str:
    try:
        host = parts.hostname or ""
        port = parts.port
    except ValueError:  # a bad port: leave the URL as it is, the filter refuses it later
        return parts.netloc
    if ":" in host:
        host = f"[{host}]"
    if port is not None and (scheme, port) not in {("http", 80), ("https", 443)}:
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    return f"{userinfo}@{host}" if userinfo else host


def join_url(base: str | None, url: str) -> str | None:
    """``url`` made absolute against ``base``; ``None`` when it doesn't parse as a URL."""
    try:
        joined = urljoin(base, url) if base else url
        urlsplit(joined).port  # noqa: B018  (raises for a bad port or bracketed host)
    except ValueError:
        return None
    return joined


def host_matches(host: str, domains: Iterable[str]) -> bool:
    """``host`` is one of ``domains`` or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def is_loopback_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    ip = _ip_literal(host)
    return ip is not None and ip.is_loopback


def is_private_address(host: str, *, allow_loopback: bool = False) -> bool:
    """An IP literal (or ``localhost``) that is not a public unicast address.

    Loopback is allowed when ``allow_loopback``; private, link-local, multicast, reserved
    and unspecified addresses never are.
    """
    if is_loopback_host(host):
        return not allow_loopback
    ip = _ip_literal(host.lower().rstrip("."))
    if ip is None:
        return False
    return not ip.is_global or ip.is_multicast


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def has_non_html_extension(url: str) -> bool:
    """The URL's path ends in a document, media or archive extension."""
    path = unquote(urlsplit(url).path)
    ext = posixpath.splitext(posixpath.basename(path))[1]
    return ext[1:].lower() in NON_HTML_EXTENSIONS


def refusal(
    url: str, domains: Iterable[str], *, allow_loopback: bool = False, article: bool = True
) -> Refusal | None:
    """Why ``url`` must not be fetched for a source, or ``None`` when it may be.

    ``article=False`` (sitemaps, feeds) skips the extension check: those are XML.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return Refusal.SCHEME
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not host:
        return Refusal.SCHEME
    if is_private_address(host, allow_loopback=allow_loopback):
        return Refusal.PRIVATE_ADDRESS
    if not host_matches(host, domains):
        return Refusal.OFFSITE
    if article and has_non_html_extension(url):
        return Refusal.NON_HTML
    return None
