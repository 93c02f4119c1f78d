"""Shared helpers for the Python peers: loop selection and the JSON-lines output format.

Every peer prints one JSON object per measured figure on stdout:
    {"case": "...", "metric": "...", "value": 123.4, "unit": "ns/switch"}
The harness adds "suite" and "impl" and takes the median over its interleaved rounds.
"""
import argparse
import asyncio
import gc
import json
import sys
import time


def base_parser(description):
    """Returns an argument parser with the options every peer understands."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--uvloop", action="store_true", help="run on uvloop instead of asyncio's loop")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before the measured one (at least)")
    parser.add_argument("--warmup-seconds", type=float, default=0.0,
                        help="keep warming up until this much time has passed")
    return parser


def warm_up(body, runs, seconds):
    """Calls body() at least `runs` times and until `seconds` have passed (bounded: 1000 runs)."""
    deadline = time.perf_counter() + seconds
    done = 0
    while done < 1000 and (done < runs or time.perf_counter() < deadline):
        body()
        done += 1
    # The measured run starts from a collected heap, like the JVM runners (Out.warmUp).
    gc.collect()


def run(main_coro_factory, use_uvloop):
    """Runs a coroutine on asyncio's default loop or on uvloop (a fresh loop each time)."""
    if use_uvloop:
        import uvloop  # Debian: apt-get install -y python3-uvloop (run with /usr/bin/python3)
        loop = uvloop.new_event_loop()
    else:
        loop = asyncio.new_event_loop()
    try:
        asyncio.set_event_loop(loop)
        return loop.run_until_complete(main_coro_factory())
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def emit(case, metric, value, unit):
    """Prints one figure as a JSON line and flushes, so the harness sees it at once."""
    print(json.dumps({"case": case, "metric": metric, "value": round(value, 3), "unit": unit}))
    sys.stdout.flush()
