"""Parse a feed file with feedparser and print what it understood, as JSON.

Used by the Swift tests (FeedParser.swift) as an independent reader of the documents the
writers produce: bozo must be 0 and every field must round-trip.
Usage: python3 feedparser_dump.py FILE
"""
import calendar
import json
import sys

import feedparser


def seconds(parsed):
    """feedparser's struct_time (UTC) as seconds since 1970, or None."""
    return calendar.timegm(parsed) if parsed else None


def links(items):
    return [{k: l.get(k) for k in ("rel", "href", "type", "title")} for l in items]


def authors(items):
    return [{k: a.get(k) for k in ("name", "href", "email")} for a in items]


def main(path):
    d = feedparser.parse(path)
    feed = d.feed
    out = {
        "bozo": 1 if d.bozo else 0,
        "bozo_exception": repr(d.get("bozo_exception")) if d.bozo else None,
        "version": d.version,
        "feed": {
            "id": feed.get("id"),
            "title": feed.get("title"),
            "subtitle": feed.get("subtitle"),
            "language": feed.get("language"),
            "updated": seconds(feed.get("updated_parsed")),
            "links": links(feed.get("links", [])),
            "authors": authors(feed.get("authors", [])),
            "generator": feed.get("generator"),
        },
        "entries": [
            {
                "id": e.get("id"),
                "title": e.get("title"),
                "published": seconds(e.get("published_parsed")),
                "updated": seconds(e.get("updated_parsed")),
                "links": links(e.get("links", [])),
                "authors": authors(e.get("authors", [])),
                "tags": [{k: t.get(k) for k in ("term", "scheme", "label")} for t in e.get("tags", [])],
                "summary": e.get("summary"),
                "content": [c.get("value") for c in e.get("content", [])],
            }
            for e in d.entries
        ],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
