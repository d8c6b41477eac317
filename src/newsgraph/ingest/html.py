"""HTML pages and fragments to structured text (trafilatura, with an lxml fallback).

trafilatura removes navigation, footers and related-story lists; we ask it for XML output so
that headings stay separate blocks from paragraphs instead of running into the next sentence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from xml.etree import ElementTree

from newsgraph.errors import InputError

logger = logging.getLogger(__name__)

_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")


@dataclass(frozen=True)
class HtmlPage:
    """What a page yields: the main text as blocks, and its metadata."""

    body: str
    title: str | None
    published: str | None
    url: str | None
    author: str | None


def _xml_blocks(xml: str) -> list[str]:
    """Collect the text of each block element of trafilatura's XML output, in order."""
    root = ElementTree.fromstring(xml)
    main = root.find("main")
    if main is None:
        main = root
    blocks: list[str] = []
    for element in main.iter():
        if element.tag in ("p", "head", "item", "quote", "code"):
            text = " ".join("".join(element.itertext()).split())
            if text:
                blocks.append(text)
    return blocks


def _lxml_blocks(html: str) -> tuple[list[str], str | None]:
    """Recover paragraphs and the title from HTML too broken for trafilatura."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:
        return [], None
    for bad in tree.xpath("//script|//style|//nav|//footer|//header//nav|//aside|//noscript"):
        bad.drop_tree()
    title_nodes = tree.xpath("//h1") or tree.xpath("//title")
    title = " ".join(title_nodes[0].text_content().split()) if title_nodes else None
    blocks = []
    for element in tree.iter(*_BLOCK_TAGS):
        text = " ".join(element.text_content().split())
        if text and text != title:
            blocks.append(text)
    if not blocks:
        text = " ".join(tree.text_content().split())
        blocks = [text] if text else []
    return blocks, title


def html_to_article(html: str, *, source: str | None = None) -> HtmlPage:
    """Extract the article of an HTML page: main text blocks, title, date, author, url.

    Raises:
        InputError: No article text can be found in the page.
    """
    import trafilatura

    xml = trafilatura.extract(
        html,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
    )
    title = published = url = author = None
    blocks: list[str] = []
    if xml:
        try:
            root = ElementTree.fromstring(xml)
            title = root.get("title") or None
            published = root.get("date") or None
            url = root.get("url") or None
            author = root.get("author") or None
            blocks = _xml_blocks(xml)
        except ElementTree.ParseError:
            logger.debug("trafilatura returned unparseable XML for %s", source)
    if not blocks:
        blocks, fallback_title = _lxml_blocks(html)
        title = title or fallback_title
    if not blocks:
        raise InputError("unparseable HTML: no article text found", source=source)
    if title and blocks and blocks[0] == title:
        blocks = blocks[1:]
    return HtmlPage("\n\n".join(blocks), title, published, url, author)


def fragment_to_text(html: str) -> str:
    """Turn an HTML fragment (a feed item's description) into blank-line separated blocks."""
    if "<" not in html:
        return html
    blocks, _ = _lxml_blocks(f"<div>{html}</div>")
    return "\n\n".join(blocks)
