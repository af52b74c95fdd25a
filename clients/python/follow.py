#!/usr/bin/python3
"""Follows sendcase's event stream and prints one line per event:

    REVISION JOURNEY KIND EVENT_DATE RECORDED_BY

Usage: follow.py --server=HOST:PORT --token=TOKEN [--from=REVISION]
                 [--count=N]
(SENDCASE_SERVER and SENDCASE_TOKEN work too). --from=0 follows only new
events; --count stops after N events. When the stream drops or the server
restarts, it says so on stderr and resumes where it was.
"""

import argparse
import os
import sys

from sendcase_client import Client, RevisionCompacted


def say_resuming(error, next_revision, delay):
    print(f"follow: the stream ended ({error.code().name}: "
          f"{error.details()}); resuming from revision {next_revision} "
          f"in {delay:g} s", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.environ.get(
        "SENDCASE_SERVER", "127.0.0.1:50051"))
    parser.add_argument("--token", default=os.environ.get("SENDCASE_TOKEN"))
    parser.add_argument("--from", dest="start", type=int, default=0)
    parser.add_argument("--count", type=int, default=0)
    args = parser.parse_args()
    if not args.token:
        parser.error("--token (or SENDCASE_TOKEN) is required")
    client = Client(args.server, args.token)
    seen = 0
    try:
        for message in client.watch_events(start_revision=args.start,
                                           on_resume=say_resuming):
            event = message.event
            date = event.event_date
            print(f"{message.revision} {message.journey} "
                  f"{event.WhichOneof('kind')} "
                  f"{date.year:04d}-{date.month:02d}-{date.day:02d} "
                  f"{event.recorded_by}", flush=True)
            seen += 1
            if args.count and seen >= args.count:
                break
    except RevisionCompacted as error:
        print(f"follow: {error} (compacted through "
              f"{error.compacted_revision})", file=sys.stderr)
        return 3
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
