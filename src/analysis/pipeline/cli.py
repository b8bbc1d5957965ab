"""The command line: python -m analysis build | validate | load.

Exit status: 0 success, 1 invalid data or a failed notebook or book build, 2 a usage error.
Data problems are printed one per line with file, line, column and rule; no traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.contract.problems import DataError

DEFAULT_DATA = Path("data")
DEFAULT_OUT = Path("_build/html")
DEFAULT_DB = Path("_build/carbon.duckdb")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="validate, load, run the notebooks, build the site")
    build.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the site goes")
    build.add_argument(
        "--db",
        type=Path,
        default=None,
        help="where the warehouse goes (default: carbon.duckdb beside --out)",
    )
    build.add_argument(
        "--as-of",
        type=int,
        default=None,
        metavar="YEAR",
        help="the year progress is measured at (default: latest statistics year)",
    )

    build.add_argument(
        "--plan",
        default=None,
        metavar="PLAN_ID",
        help="the district plan to study (default: the newest plan that names a parent)",
    )

    validate = commands.add_parser("validate", help="check the data files and report problems")
    validate.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)

    load = commands.add_parser("load", help="validate the data and write the DuckDB warehouse")
    load.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    load.add_argument("--db", type=Path, default=DEFAULT_DB)
    return parser


def _report(err: DataError) -> int:
    print(f"The data has {len(err.problems)} problem(s); nothing was published:", file=sys.stderr)
    for problem in err.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.data_dir.is_dir():
        print(f"error: data folder not found: {args.data_dir}", file=sys.stderr)
        return 2
    from analysis.pipeline import build
    from analysis.pipeline.book import BookError
    from analysis.pipeline.runner import NotebookError

    try:
        if args.command == "validate":
            data, outcomes = build.checked_data(args.data_dir)
            checks = sum(o.checked for o in outcomes)
            print(f"The data in {args.data_dir} is valid: {len(outcomes)} rules, {checks} checks.")
            for note in data.notes:
                print(f"  normalised: {note}")
        elif args.command == "load":
            counts = build.load(args.data_dir, args.db)
            print(f"Wrote {args.db}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        else:
            db = args.db or args.out.parent / "carbon.duckdb"
            timings = build.build(args.data_dir, args.out, db, args.as_of, plan_id=args.plan)
            if timings.stages:
                total = sum(v for k, v in timings.stages.items() if not k.startswith("notebook "))
                print(f"Built {args.out} and {db} in {total:.1f} s.")
    except DataError as err:
        return _report(err)
    except NotebookError as err:
        print(f"A notebook failed; nothing was published:\n  {err}", file=sys.stderr)
        return 1
    except BookError as err:
        print(f"The book did not build; nothing was published:\n{err}", file=sys.stderr)
        return 1
    return 0
