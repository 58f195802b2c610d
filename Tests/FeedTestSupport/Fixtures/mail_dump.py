"""Reads an Internet message with Python's email package (policy.default) and prints what
it found as JSON: every defect, the decoded headers, each leaf part, and the calendar part
as icalendar reads it. With a second argument (a calendar.ics), also whether the message's
event is the one with the same UID in that calendar."""
import json
import sys
from email import message_from_bytes, policy

import icalendar

raw = open(sys.argv[1], "rb").read()
message = message_from_bytes(raw, policy=policy.default)

defects = [f"message: {d!r}" for d in message.defects]
headers = {}
for name in ("From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References", "MIME-Version"):
    value = message[name]
    if value is None:
        continue
    headers[name] = str(value)
    defects += [f"{name}: {d!r}" for d in value.defects]
if message["To"] is not None:
    headers["To-addresses"] = [a.addr_spec for a in message["To"].addresses]

parts = []
event = None
for part in message.walk():
    defects += [f"{part.get_content_type()}: {d!r}" for d in part.defects]
    if part.is_multipart():
        parts.append({"type": part.get_content_type()})
        continue
    content = part.get_content()
    if isinstance(content, bytes):
        content = content.decode("utf-8")
    # The bytes parser keeps the wire's CRLF line ends in the decoded text.
    content = content.replace("\r\n", "\n")
    entry = {"type": part.get_content_type(), "content": content,
             "charset": part.get_content_charset(), "encoding": part["Content-Transfer-Encoding"],
             "method": part.get_param("method")}
    parts.append(entry)
    if part.get_content_type() == "text/calendar":
        calendar = icalendar.Calendar.from_ical(content)
        events = [c for c in calendar.walk("VEVENT")]
        event = {"method": str(calendar.get("METHOD")), "events": len(events)}
        if events:
            e = events[0]
            event.update(uid=str(e.get("UID")), sequence=int(e.get("SEQUENCE")), status=str(e.get("STATUS")),
                         organizer=str(e.get("ORGANIZER")), summary=str(e.get("SUMMARY")))
            if len(sys.argv) > 2:
                published = icalendar.Calendar.from_ical(open(sys.argv[2], "rb").read())
                same = [c for c in published.walk("VEVENT") if str(c.get("UID")) == event["uid"]]
                event["matches_calendar"] = len(same) == 1 and same[0].to_ical() == e.to_ical()

lines = raw.split(b"\r\n")
print(json.dumps({
    "defects": defects,
    "headers": headers,
    "parts": parts,
    "event": event,
    "raw_ascii": all(b < 0x80 for b in raw),
    "bare_line_feeds": raw.count(b"\n") - raw.count(b"\r\n"),
    "longest_line": max(len(l) for l in lines),
    "longest_header_line": max(len(l) for l in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")),
}))
