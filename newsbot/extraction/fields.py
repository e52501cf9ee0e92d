"""Choosing one value per field from the candidates JSON-LD, meta tags, markup and the
body gave: headline, agencies, captions with credits, language
(authors and the byline: :mod:`newsbot.extraction.authors`)."""

from __future__ import annotations

import re
from typing import Any

from lxml.html import HtmlElement

from newsbot.extraction.agencies import canonical_agency, credited_agencies
from newsbot.extraction.body import CleanBody
from newsbot.extraction.captions import RawCaption, caption_key
from newsbot.extraction.credits import split_credit
from newsbot.extraction.document import clean_space, element_text
from newsbot.extraction.jsonld import JsonLdArticle
from newsbot.extraction.markup import strip_site_suffix
from newsbot.extraction.metatags import MetaTags
from newsbot.item import Caption

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")


def choose_headline(
    ld: JsonLdArticle,
    meta: MetaTags,
    h1: HtmlElement | None,
    discovered: dict[str, Any],
    site: str | None,
) -> str | None:
    """The article's headline without the site-name suffix.

    The first of JSON-LD, Open Graph, the ``<h1>`` and ``<title>``; but the ``<h1>`` wins
    when it is the same headline in full (metadata headlines get cut at 110 characters).
    """
    names = [n for n in (site, meta.site_name, ld.publisher, ld.site_name) if n]
    h1_text = element_text(h1) if h1 is not None else ""
    candidates = [ld.headline, meta.headline, h1_text, discovered.get("title"), meta.title]
    for candidate in candidates:
        headline = strip_site_suffix(candidate, names)
        if not headline:
            continue
        cut = _ELLIPSIS.sub("", headline)
        if (
            h1_text
            and len(h1_text) > len(cut)
            and caption_key(h1_text).startswith(caption_key(cut))
        ):
            return h1_text
        return headline
    return None


def agencies_of(body: CleanBody, byline_agencies: list[str], ld: JsonLdArticle) -> list[str]:
    """Canonical agencies the copy is credited to, in order of first appearance."""
    found: list[str] = []
    if body.dateline and body.dateline.get("agency"):
        found.append(str(body.dateline["agency"]))
    found.extend(byline_agencies)
    found.extend(body.agencies)
    for name in [ld.publisher, *ld.credit_orgs]:
        if name:
            agency = canonical_agency(name)
            if agency:
                found.append(agency)
            else:
                found.extend(credited_agencies(name))
    canonical = [canonical_agency(a) or a for a in found]
    return list(dict.fromkeys(a for a in canonical if a))


def captions_of(raw: list[RawCaption]) -> list[Caption]:
    """Captions with their credits split off; a credit printed alone joins the caption before."""
    captions: list[Caption] = []
    for item in raw:
        text, credit = split_credit(item.text)
        text = clean_space(text)
        credit = clean_space(credit) or item.credit
        if not text:
            if credit and captions and captions[-1]["credit"] is None:
                captions[-1]["credit"] = credit
            continue
        captions.append(Caption(text=text, credit=credit, imageUrl=item.image_url))
    return captions


def language_of(ld: JsonLdArticle, meta: MetaTags) -> str | None:
    """A BCP 47 code from JSON-LD, ``<html lang>`` or meta tags."""
    for raw in (ld.language, meta.lang, meta.language):
        code = clean_space(raw).replace("_", "-")
        if code and _LANGUAGE.match(code):
            parts = code.split("-")
            parts[0] = parts[0].lower()
            return "-".join(parts)
    return None
