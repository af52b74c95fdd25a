"""Reads a Prometheus /metrics page with the Prometheus project's own text
parser (Debian's python3-prometheus-client), so that a page that breaks the
exposition format fails here, and prints the value of each series asked for.

  prom.py URL                        every series, one "name{labels} value" a line
  prom.py URL 'name{a="x",b="y"}'... the value of each (labels in any order;
                                     "absent" if there is none)
"""
import re
import sys
import urllib.request

from prometheus_client.parser import text_string_to_metric_families


def key(name, labels):
    inner = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    return f"{name}{{{inner}}}" if inner else name


def parse_key(text):
    m = re.fullmatch(r"([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?", text)
    if not m:
        raise SystemExit(f"prom.py: not a series: {text}")
    labels = dict(re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"', m.group(2) or ""))
    return key(m.group(1), labels)


def number(value):
    return str(int(value)) if float(value).is_integer() else repr(value)


def main():
    with urllib.request.urlopen(sys.argv[1], timeout=30) as response:
        content_type = response.headers.get("Content-Type", "")
        body = response.read().decode("utf-8")
    if not content_type.startswith("text/plain; version=0.0.4"):
        raise SystemExit(f"prom.py: Content-Type {content_type!r}")
    series = {}
    for family in text_string_to_metric_families(body):
        for s in family.samples:
            series[key(s.name, s.labels)] = s.value
    if len(sys.argv) == 2:
        for k in sorted(series):
            print(k, number(series[k]))
        return
    for asked in sys.argv[2:]:
        k = parse_key(asked)
        print(number(series[k]) if k in series else "absent")


if __name__ == "__main__":
    main()
