"""Prints, as JSON, the JSON-LD items extruct (the metadata extractor Scrapy uses)
reads from an HTML page, as search engines read them."""
import json
import sys

import extruct

with open(sys.argv[1], encoding="utf-8") as f:
    html = f.read()
data = extruct.extract(html, base_url=sys.argv[2], syntaxes=["json-ld", "opengraph"], uniform=True)
print(json.dumps({"json-ld": data["json-ld"], "opengraph": data["opengraph"]}))
