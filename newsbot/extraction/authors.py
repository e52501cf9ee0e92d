"""Who an article credits: its authors (people only) and its byline, chosen from JSON-LD,
meta tags, the bylines the page prints and its script data, with the byline text cleaned of
dates, roles, read times and page furniture."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from lxml.html import HtmlElement

from newsbot.extraction.agencies import canonical_agency
from newsbot.extraction.byline import is_person_name, parse_byline
from newsbot.extraction.document import clean_space
from newsbot.extraction.jsonld import JsonLdArticle
from newsbot.extraction.metatags import MetaTags
from newsbot.item import Author

_PRINTED_TRUSTED = 3
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_BYLINE_TAIL = re.compile(
    r"\s*(?:[|•·⋅∙]|\s/\s|Updated\b|Published\b|Posted\b|\b(?i:last updated)\b|Edited by\b|"
    r"\b\d+\s*min(?:ute)?s?\s+read|\b(?i:mins?|minutes?)\s+read\b|"
    rf"(?<![A-Z]){_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|"
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?,\s|"
    r"\b\d{1,2}/\d{1,2}/\d{2,4}|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\bFollow\b|"
    r"\bMore (?:posts|articles|stories) (?:from|by)\b|\bon behalf of\b|"
    r"\s(?:in|on)(?:\s+(?=[A-Z\d|•·⋅∙])|$)|"
    rf"\sat\s+(?=\d|{_MONTH}))",  # "Jane Roe at December 16, 2025 11:15 AM"
)
_WORD = re.compile(r"[^\W\d_]{2}")
_GLUED_BY = re.compile(r"^By(?=[A-Z][a-z])|^By:\s*")
_BYLINE_LABEL = re.compile(
    r"^(?:about the author|authored by|author|authors|author\(s\)|posted by|contributors?|"
    r"contributed by|article by|"
    r"written by|guide by|review by|articles? by|story by|recipe by|"
    r"this (?:post|article|story|guide|piece) (?:was|is) (?:written|authored|contributed) by)"
    r"\b\s*:?\s*",
    re.I,
)
_NOT_A_NAME = re.compile(r"^(?:the author|author|admin|name \*?|anonymous|unknown|by)?$", re.I)
# page furniture a byline box also holds: "Full Bio", "Member Login", "View Profile"
_INTERFACE_TEXT = re.compile(
    r"^(?:.* )?(?:full bio|bio|login|log in|sign in|sign up|subscribe|view profile|profile|menu)$",
    re.I,
)
# a role printed after the name without a comma ("Jane Roe Former Deputy Editor",
# "Jane RoeFounder at Acme"): the name ends where the role starts
_ROLE_AFTER_NAME = re.compile(
    r"(?<=[a-z\u00df-\u00ff.])\s*(?=(?:Former|Senior|Sr\.|Junior|Lead|Chief|Deputy|Staff|"
    r"Founder|Co-?[Ff]ounder|CEO|CTO|Editor|Writer|Reporter|Journalist|Columnist|"
    r"Correspondent|Contributor|Reviewer|Producer|Author)\b)"
)
_PAID_MARK = re.compile(
    r"(?<=\w)\s+(?:sponsored|sponsored content|partner content|paid (?:post|content)|"
    r"advertorial)$",
    re.I,
)
# "By MixmasterFred", "by jdoe_42": one user name, no person's name form
_USER_NAME_BYLINE = re.compile(
    r"^(?i:by):?\s+(?:(?=\S*(?:[a-z][A-Z]|\d|_))[\w.\-]{3,30}|[a-z][a-z\d_.\-]{2,29})$"
)
_HONORIFIC = re.compile(r"^(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx|Sir|Dame)\.?\s+)+", re.I)
_AUTHOR_STATEMENT = re.compile(
    r"^(?i:(?:this|the) (?:post|article|story|piece|blog(?: post)?) (?:was|is) "
    r"(?:written|authored|contributed) by)\s+[A-Z]"
)
_MAX_STATEMENT = 200
# a lone given name as printed ("Juliette"): no brand or user-name casing
GIVEN_NAME_ONLY = re.compile(r"^[A-Z][a-z\u00df-\u00ff]{2,}$")
_PICTURE_WORDS = re.compile(
    r"(?:'s)?\s+(?:avatar|photo|picture|headshot|portrait|image|logo|profile)\b.*$", re.I
)
_LEADING_BY = re.compile(r"^\s*by\b\s*:?\s*", re.I)
# credits that are never an author's: "Medically reviewed by", "Fact checked by", "Photos by"
_NOT_AUTHOR_LABEL = (
    r"(?:(?:medically|clinically|expert|fact)[- ]?)?(?:reviewed|checked|fact[- ]checked|"
    r"edited|photos?|photographs?|photography|illustrat\w*|video|graphics?)\s+by\b"
)
_NOT_AUTHOR_CREDIT = re.compile(rf"^\W*{_NOT_AUTHOR_LABEL}", re.I)


def authors_of(
    ld: JsonLdArticle,
    meta: MetaTags,
    printed: list[str],
    body_bylines: list[str],
    site_names: list[str],
    printed_instead: list[Author] | None = None,
    page_data: Callable[[], list[str]] | None = None,
    pictured: str | None = None,
) -> tuple[list[Author], str | None, list[str]]:
    """People (never agencies, desks or the site itself), the byline as printed, and the
    agencies the bylines credit.

    Trust goes JSON-LD, meta tags, printed bylines, bylines in the body, the Yoast
    "Written by" label, with two narrow exceptions for the page's *first* printed byline:

    - ``printed_instead`` (see :func:`printed_over_metadata`) replaces the metadata's people;
    - when the metadata credits only a desk, team or sponsor and the first printed byline
      is that credit, the page credits no person (later bylines are other stories').

    Last of all, with no credit anywhere else, the names the page's own script data
    gives (``page_data()``, e.g. Next.js props); and with no person credited and no
    byline but the site's own name, the person of the page's author box (``pictured``).
    """
    site_keys = {_name_key(n) for n in site_names if n}
    people = _cleaned([p.name for p in ld.authors if not p.is_organization], site_names)
    printed = _cleaned(printed, site_names)
    body_bylines = _cleaned(body_bylines, site_names)
    meta_authors = _cleaned(meta.authors, site_names)
    posted_by = _cleaned(meta.labelled_authors, site_names)
    authors: list[Author] = []
    # Each printed byline on its own: a page prints its own byline first, then others'.
    single = [[raw] for raw in printed[:_PRINTED_TRUSTED]]
    metadata = (people, meta_authors, posted_by)
    if _credits_printed_desk(metadata, printed):
        single = []  # the page's own byline credits a desk; later ones are other stories'
    elif printed and _USER_NAME_BYLINE.match(printed[0]):
        single = single[:1]  # "By jdoe42": a user name; later bylines are other stories'
    for raws in (people, meta_authors, *single, body_bylines, posted_by):
        found = [
            author
            for raw in raws
            for author in parse_byline(raw).authors
            if not _is_site(author["name"], site_keys)
        ]
        if found:
            authors = _unique_people(found)
            if printed_instead and any(raws is m for m in metadata):
                authors = printed_instead
            break
    if authors and single:
        # metadata often names only the account that posted; the printed byline the team
        printed_people = _unique_people(parse_byline(single[0][0]).authors)
        keys = {_name_key(a["name"]) for a in printed_people}
        if len(keys) > len(authors) and {_name_key(a["name"]) for a in authors} <= keys:
            authors = printed_people
    # the page's author box, where the page credits nobody else but the site itself
    others = [*printed[:1], *body_bylines[:1], *people, *meta_authors, *posted_by]
    if not authors and pictured and all(_name_key(c) in site_keys for c in others):
        found = parse_byline(pictured).authors
        authors = _unique_people([a for a in found if not _is_site(a["name"], site_keys)])
    agencies: list[str] = []
    for raw in [*people, *meta_authors, *printed[:1], *body_bylines]:
        agencies.extend(parse_byline(raw).agencies)
    agencies.extend(
        a for a in (canonical_agency(p.name) for p in ld.authors if p.is_organization) if a
    )
    printed_byline = next(iter([*printed, *body_bylines]), None)
    # With nothing printed, the credit the metadata gives: people, else an organisation
    # (a company blog credits itself; a desk or team is a byline, not an author).
    organisations = _cleaned([p.name for p in ld.authors if p.is_organization], [])
    credited = people or meta_authors or organisations or posted_by
    if printed_byline is None and not credited and not authors and page_data is not None:
        credited = _cleaned(page_data(), site_names)
        found = [a for raw in credited for a in parse_byline(raw).authors]
        authors = _unique_people([a for a in found if not _is_site(a["name"], site_keys)])
    if printed_byline is None and credited:
        printed_byline = ", ".join(credited)
    return authors, clean_space(printed_byline) or None, agencies


def credit_statements(paragraphs: list[str]) -> list[str]:
    """Author statements among the first and last two paragraphs of the body, which stay
    in it: "This post was written by Jane Roe, MD, gastroenterologist." """
    edges = [*paragraphs[:2], *paragraphs[-2:]]
    found = [p for p in edges if len(p) <= _MAX_STATEMENT and _AUTHOR_STATEMENT.match(p)]
    return list(dict.fromkeys(found))


def full_name_from_images(author: Author, tree: HtmlElement) -> Author:
    """The full name for a byline that prints only a given name ("Articles by Juliette"),
    from the author's picture: an ``<img>`` whose alt or title text is that given name and a
    surname ("Juliette Carreiro, Tech Writer", "Juliette Carreiro avatar"). Else as given."""
    given = author["name"]
    for image in tree.iter("img"):
        for text in (image.get("alt"), image.get("title")):
            if not text or not text.startswith(given + " "):
                continue
            name = _PICTURE_WORDS.sub("", text.split(",")[0]).strip()
            if len(name.split()) == 2 and parse_byline(name).authors:  # given name, surname
                return Author(name=name, nameRaw=name)
    return author


def _credits_printed_desk(metadata: tuple[list[str], ...], printed: list[str]) -> bool:
    """The metadata credits no person but a desk, a team or a sponsor ("Resy Staff",
    "Sponsored by Acme"), and the page's first printed byline is that same credit."""
    if not printed or any(parse_byline(raw).authors for raws in metadata for raw in raws):
        return False
    first = _name_key(_LEADING_BY.sub("", printed[0]))
    return any(_name_key(_LEADING_BY.sub("", raw)) == first for raws in metadata for raw in raws)


def printed_over_metadata(
    ld: JsonLdArticle,
    meta: MetaTags,
    printed: list[str],
    site_names: list[str],
    visible_text: Callable[[], str],
) -> list[Author] | None:
    """The people of the page's first printed byline, where they stand against metadata
    that names other people, none of whom is printed anywhere on the page.

    The metadata author is then most often the CMS account that uploaded the post,
    and the printed "By Jane Roe" is whom the publication credits. Only people count: a
    desk or team byline ("Acme Staff") may be the metadata person's desk, and a review,
    edit or photo credit is never an author's. ``visible_text`` gives the page's visible
    text, casefolded; it is called only when the two disagree. Run it before the body
    extraction prunes the tree.
    """
    if not printed:
        return None
    site_keys = {_name_key(n) for n in site_names if n}
    metadata = [p.name for p in ld.authors if not p.is_organization] or meta.authors
    named = [
        a
        for raw in _cleaned(metadata or meta.labelled_authors, site_names)
        for a in parse_byline(raw).authors
    ]
    first = _cleaned(printed[:1], site_names)
    people = _printed_people(first[0], site_keys) if named and first else []
    if not people or {_name_key(a["name"]) for a in people} & {_name_key(a["name"]) for a in named}:
        return None
    text = visible_text()
    visible = set(re.findall(r"\w+", text))
    if any(_printed_in(a["name"], visible) for a in named):
        return None
    for person in people:  # "Reviewed by: <a>Jane Roe</a>" printed apart from its label
        name = re.escape(" ".join(person["nameRaw"].casefold().split()))
        if re.search(rf"{_NOT_AUTHOR_LABEL}\W{{0,3}}{name}", text, re.I):
            return None
    return people


def _printed_people(raw: str, site_keys: set[str]) -> list[Author]:
    """The people the page's first printed byline credits, when it may stand against the
    metadata: a review, edit or photo credit never does, and a desk or team credit
    ("Acme Staff") does not either (the metadata's person may be the desk's writer)."""
    if _NOT_AUTHOR_CREDIT.match(raw):
        return []
    people = [a for a in parse_byline(raw).authors if not _is_site(a["name"], site_keys)]
    if not all(is_person_name(a["name"]) for a in people):
        return []  # "Acme Tax & Accounting": not sure enough to overrule the metadata
    return _unique_people(people)


def _printed_in(name: str, visible: set[str]) -> bool:
    """Every word of the name is printed on the page ("Kaufman, Jeff T." as "Jeff Kaufman")."""
    words = [w for w in re.findall(r"\w+", name.casefold()) if len(w) > 1]
    return bool(words) and all(w in visible for w in words)


def _cleaned(raws: list[str], site_names: list[str]) -> list[str]:
    return [b for b in (clean_byline(raw, site_names) for raw in raws) if b]


def clean_byline(raw: str, site_names: list[str] | None = None) -> str:
    """A printed byline without labels and what follows the names: dates, read times,
    ``| Section``, the site's own name."""
    text = clean_space(html.unescape(raw))
    text = _GLUED_BY.sub("By ", text)
    text = _BYLINE_LABEL.sub("", text)
    # the names come first; a date or read time printed before them is skipped
    parts = [p.strip(" -–—,:;/") for p in _BYLINE_TAIL.split(text, maxsplit=4)]
    text = parts[0]
    site_keys = {_name_key(n) for n in site_names or [] if n}
    if _name_key(text) in site_keys:
        # "Acme | AI for healthcare | Jane Roe": the publication's card, then the writer's
        for part in parts[1:]:
            if _NOT_AUTHOR_CREDIT.match(part):
                break  # "Reviewed by ...": no writer after this
            if parse_byline(part).authors:
                text = part
                break
    if not _WORD.search(text):
        text = next((p for p in parts[1:] if _WORD.search(p)), "")
        if not (is_person_name(text) or _GLUED_BY.match(text) or text.startswith("By ")):
            text = ""
    text = _PAID_MARK.sub("", text)  # "Acme Security Sponsored": the post's label, no name
    for name in site_names or []:
        if len(text) > len(name) and text.casefold().endswith(" " + name.casefold()):
            if text[: -len(name)].strip().casefold() == "by":
                continue  # "By Whova": the site credits itself
            text = text[: -len(name)].strip(" -–—,:;/")
    words = re.sub(r"^by\s+", "", text, flags=re.I).split()
    if "," not in text and (len(words) >= 3 or (words and not words[-1].isalpha())):
        name = _ROLE_AFTER_NAME.split(text, maxsplit=1)[0].strip(" -–—,:;/")
        if len(name.split()) >= 2:
            text = name
    if _NOT_A_NAME.match(text) or _INTERFACE_TEXT.search(text):
        return ""
    return text


def _is_site(name: str, site_keys: set[str]) -> bool:
    """The site's own name, or a one-word name its name starts with ("Acme" of "Acme
    Signal"): the brand, not a person."""
    key = _name_key(name)
    if key in site_keys:
        return True
    return " " not in name.strip() and any(k.startswith(key) for k in site_keys if key)


def _name_key(name: str) -> str:
    """The name to compare by: no case, punctuation or title ("Dr Jane Roe" is "Jane Roe")."""
    return re.sub(r"\W+", "", _HONORIFIC.sub("", name).casefold())


def _unique_people(found: list[Author]) -> list[Author]:
    seen: set[str] = set()
    people: list[Author] = []
    for author in found:
        key = author["name"].casefold()
        if key not in seen:
            seen.add(key)
            people.append(author)
    return people
