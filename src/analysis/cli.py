"""The command line: python -m analysis build | validate | load | verify | add-area | add-plan |
remove-plan | draft-targets | record-edition.

Exit status: 0 success, 1 invalid data or a failed notebook or book build, 2 a usage error.
Data problems are printed one per line with file, line, column and rule; no traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.contract.problems import DataError
from analysis.contract.schema import GEO_LEVELS

DEFAULT_DATA = Path("data")
DEFAULT_OUT = Path("_build/html")
DEFAULT_DB = Path("_build/carbon.duckdb")


def _verify(site: Path) -> int:
    from analysis.pipeline.verify import verify

    found = verify(site)
    if found:
        print(f"{site} does not match its manifest or a rebuild:", file=sys.stderr)
        for line in found:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"{site} matches its manifest, and a rebuild from this checkout gives the same files.")
    return 0


def _data_folder(command: argparse.ArgumentParser, problems: bool) -> None:
    """The options every command that reads the data folder shares."""
    command.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    if problems:
        command.add_argument(
            "--problems",
            type=Path,
            default=None,
            metavar="FILE",
            help="where the full list of problems goes (default: _build/problems.txt)",
        )


def _building_commands(commands) -> None:
    build = commands.add_parser("build", help="validate, load, run the notebooks, build the site")
    _data_folder(build, problems=True)
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
    _data_folder(validate, problems=True)

    load = commands.add_parser("load", help="validate the data and write the DuckDB warehouse")
    _data_folder(load, problems=True)
    load.add_argument("--db", type=Path, default=DEFAULT_DB)

    check = commands.add_parser(
        "verify",
        help="rebuild from this checkout and compare with a site's build manifest, file by file",
    )
    check.add_argument("site", type=Path, metavar="SITE_DIR", help="e.g. _build/html")
    record = commands.add_parser(
        "record-edition",
        help="record the published edition's figures and statuses, the baseline of the next",
    )
    _data_folder(record, problems=False)
    record.add_argument("--edition", default=None, help="its name (default: today, YYYY-MM-DD)")
    record.add_argument("--as-of", type=int, default=None, metavar="YEAR")


def _authoring_commands(commands) -> None:
    add = commands.add_parser(
        "add-plan", help="copy a plan's text into the data folder and add its row to plans.csv"
    )
    _data_folder(add, problems=False)
    add.add_argument("--id", required=True, metavar="PLAN_ID", help="e.g. haidian-2023")
    add.add_argument("--text", required=True, type=Path, metavar="FILE", help="the plan text")
    add.add_argument("--parent", required=True, metavar="PARENT_ID", help="the plan it implements")
    add.add_argument("--title-zh", required=True)
    add.add_argument("--title-en", required=True)
    add.add_argument("--issuer", required=True)
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the day it was issued")
    add.add_argument("--url", required=True, help="where the plan is published")
    add.add_argument("--document-number", default="", help="e.g. 京政发〔2022〕31号")
    add.add_argument(
        "--geo", default=None, help="its area in geos.csv (default: the id before its year)"
    )
    add.add_argument(
        "--body-starts-with",
        default=None,
        metavar="TEXT",
        help="the first words of the plan's own text (default: found in the text)",
    )
    add.add_argument(
        "--scope",
        choices=("full", "excerpt"),
        default="full",
        help="full: the whole plan; excerpt: a part of it, such as the opening a page keeps",
    )

    area = commands.add_parser("add-area", help="add an area (city, district, county) to geos.csv")
    _data_folder(area, problems=False)
    area.add_argument("--geo", required=True, help="a short id, e.g. haidian")
    area.add_argument("--name-zh", required=True, help="e.g. 海淀区")
    area.add_argument("--name-en", required=True, help="e.g. Haidian")
    area.add_argument("--parent", required=True, metavar="GEO", help="the area it belongs to")
    area.add_argument(
        "--level",
        required=True,
        choices=GEO_LEVELS,
        help="province: a province or a city under the central government; district: a "
        "district, county or city below a province",
    )
    area.add_argument("--admin-code", default="", help="the administrative division code")

    remove = commands.add_parser(
        "remove-plan", help="undo add-plan: its row and its text, while nothing names it"
    )
    remove.add_argument("plan_id", metavar="PLAN_ID")
    _data_folder(remove, problems=False)

    draft = commands.add_parser(
        "draft-targets",
        help="propose target rows for a plan's uncovered numbers, for review; or, with "
        "--accept, append reviewed rows to the data files",
    )
    _data_folder(draft, problems=True)
    chosen = draft.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--plan", metavar="PLAN_ID", help="the plan to draft")
    chosen.add_argument(
        "--accept",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="reviewed files of a draft (targets, exclusions, indicators) to append",
    )
    draft.add_argument(
        "--out",
        type=Path,
        default=None,
        help="the targets review file (default: _build/drafts/ID-targets.csv); the exclusions "
        "and indicators files go beside it",
    )



def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _building_commands(commands)
    _authoring_commands(commands)
    return parser


def _record_edition(args: argparse.Namespace) -> int:
    from analysis.pipeline.editions import record_edition

    for path in record_edition(args.data_dir, args.edition, args.as_of):
        print(f"Wrote {path}")
    return 0


def _draft_targets(args: argparse.Namespace) -> int:
    from analysis.authoring.drafts import draft_plan, review_files

    out = args.out or Path("_build/drafts") / f"{args.plan}-targets.csv"
    try:
        draft = draft_plan(args.data_dir, args.plan, out)
    except KeyError:
        print(
            f"error: no plan {args.plan!r} in {args.data_dir / 'plans' / 'plans.csv'}",
            file=sys.stderr,
        )
        return 2
    except OSError as why:
        print(f"error: the review files cannot be written beside {out}: {why}", file=sys.stderr)
        return 2
    counts = draft.targets.confidence.value_counts()
    files = review_files(out)
    print(
        f"Drafted {len(draft.targets)} target rows for {args.plan} "
        f"({', '.join(f'{counts.get(c, 0)} {c}' for c in ('high', 'medium', 'low'))} "
        f"confidence) in {out};"
    )
    print(f"  {len(draft.exclusions)} passages that are not commitments in {files['exclusions']}")
    if len(draft.indicators):
        print(
            f"  {len(draft.indicators)} new indicators proposed in {files['indicators']} "
            "(write each one's English name and definition)"
        )
    print(
        "Review the files: delete the rows you reject, correct the others, then accept them "
        "in one step:"
    )
    shown = " ".join(str(p) for p in files.values() if p.exists())
    print(f"  python -m analysis draft-targets --accept {shown}")
    print("Nothing was written into the data folder.")
    return 0


def _accept(args: argparse.Namespace) -> int:
    from analysis.authoring.drafts import accept

    missing = [p for p in args.accept if not p.is_file()]
    if missing:
        print(f"error: review file not found: {missing[0]}", file=sys.stderr)
        return 2
    try:
        accepted, remaining = accept(args.data_dir, args.accept)
    except DataError as err:
        print("Nothing was accepted; correct these rows of the review files:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    for done in accepted:
        print(f"Appended {done.rows} rows to {done.file}")
    if remaining:
        return _report(DataError(remaining), _listing(args))
    print(f"The data in {args.data_dir} is valid.")
    return 0


def _add_plan(args: argparse.Namespace) -> int:
    from analysis.authoring.add_plan import NewPlan, PlanRefused, add_plan, outline

    plan = NewPlan(
        plan_id=args.id,
        parent_plan_id=args.parent,
        title_zh=args.title_zh,
        issuer=args.issuer,
        issued_on=args.date,
        source_url=args.url,
        geo=args.geo,
        title_en=args.title_en,
        document_number=args.document_number,
        text_scope=args.scope,
    )
    if not args.text.exists():
        print(f"error: plan text not found: {args.text}", file=sys.stderr)
        return 2
    try:
        added = add_plan(args.data_dir, args.text, plan, args.body_starts_with)
    except PlanRefused as err:
        print(f"The plan was not added: {err}", file=sys.stderr)
        return 1
    print(f"Added {plan.plan_id}: {added.text_file} (SHA-256 {added.row['text_sha256']})")
    print(f"  row in {args.data_dir / 'plans' / 'plans.csv'}")
    print(f"  its own text starts with: {added.row['body_starts_with']}")
    for change in added.normalised or ["nothing: the text was read as it is"]:
        print(f"  read as published, cleaned in code: {change}")
    print(f"Recognised {len(added.sections)} headings:")
    for line in outline(added.sections):
        print(line)
    print(
        f"Next: python -m analysis draft-targets --plan {plan.plan_id} proposes its targets; "
        "`make validate` lists every number of the text that no target or exclusion covers."
    )
    return 0


def _add_area(args: argparse.Namespace) -> int:
    from analysis.authoring.add_plan import PlanRefused, add_area

    row = {
        "geo": args.geo,
        "name_zh": args.name_zh,
        "name_en": args.name_en,
        "parent_geo": args.parent,
        "level": args.level,
        "admin_code": args.admin_code,
    }
    try:
        add_area(args.data_dir, row)
    except PlanRefused as err:
        print(f"The area was not added: {err}", file=sys.stderr)
        return 1
    print(f"Added {args.geo} ({args.name_zh}, {args.level} in {args.parent}) to geos.csv")
    return 0


def _remove_plan(args: argparse.Namespace) -> int:
    from analysis.authoring.add_plan import PlanRefused, remove_plan

    try:
        removed = remove_plan(args.data_dir, args.plan_id)
    except PlanRefused as err:
        print(f"The plan was not removed: {err}", file=sys.stderr)
        return 1
    print(f"Removed {args.plan_id}: its row in plans.csv and {removed}")
    return 0


# A file wrong on every row would print a line a row: show this many of each rule and file.
SHOWN_PER_RULE = 20


def _report(err: DataError, listing: Path) -> int:
    """Print the problems, at most SHOWN_PER_RULE of each rule in each file, and write them
    all to `listing`, whose path the message gives."""
    print(f"The data has {len(err.problems)} problem(s); nothing was published:", file=sys.stderr)
    groups: dict[tuple[str, str], list] = {}
    for problem in err.problems:
        groups.setdefault((problem.file, problem.rule), []).append(problem)
    for (file, _), problems in groups.items():
        for problem in problems[:SHOWN_PER_RULE]:
            print(f"  {problem}", file=sys.stderr)
        if len(problems) > SHOWN_PER_RULE:
            more = len(problems) - SHOWN_PER_RULE
            print(f"  … and {more} more like this in {file}", file=sys.stderr)
    try:
        listing.parent.mkdir(parents=True, exist_ok=True)
        listing.write_text("".join(f"{p}\n" for p in err.problems), encoding="utf-8")
    except OSError as why:
        print(
            f"The full list could not be written to {listing} ({why.strerror or why}); name "
            "another file with --problems.",
            file=sys.stderr,
        )
        return 1
    print(f"Every problem is listed in {listing}.", file=sys.stderr)
    return 1


def _listing(args: argparse.Namespace) -> Path:
    """Where the full list of problems goes: --problems, else the build folder beside the
    site (build) or beside the data folder (validate, load, accept)."""
    if getattr(args, "problems", None):
        return args.problems
    if getattr(args, "out", None) and args.command == "build":
        return args.out.parent / "problems.txt"
    return args.data_dir.parent / "_build" / "problems.txt"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir = getattr(args, "data_dir", None)
    if data_dir is not None and not data_dir.is_dir():
        print(f"error: data folder not found: {data_dir}", file=sys.stderr)
        return 2
    if args.command == "add-plan":
        return _add_plan(args)
    if args.command == "add-area":
        return _add_area(args)
    if args.command == "remove-plan":
        return _remove_plan(args)
    if args.command == "draft-targets":
        return _accept(args) if args.accept else _draft_targets(args)
    from analysis.pipeline import build
    from analysis.pipeline.book import BookError
    from analysis.pipeline.lock import BuildBusy
    from analysis.pipeline.runner import NotebookError
    from analysis.pipeline.validation import validated

    try:
        if args.command == "verify":
            return _verify(args.site)
        if args.command == "record-edition":
            return _record_edition(args)
        if args.command == "validate":
            data, outcomes = validated(args.data_dir)
            checks = sum(o.checked for o in outcomes)
            print(f"The data in {args.data_dir} is valid: {len(outcomes)} rules, {checks} checks.")
            for note in data.notes:
                print(f"  normalised: {note}")
        elif args.command == "load":
            counts = build.load(args.data_dir, args.db)
            print(f"Wrote {args.db}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        else:
            db = args.db or args.out.parent / "carbon.duckdb"
            timings = build.build(args.data_dir, args.out, db, as_of=args.as_of, plan_id=args.plan)
            if timings.stages:
                total = sum(v for k, v in timings.stages.items() if not k.startswith("notebook "))
                print(f"Built {args.out} and {db} in {total:.1f} s.")
    except DataError as err:
        return _report(err, _listing(args))
    except NotebookError as err:
        print(f"A notebook failed; nothing was published:\n  {err}", file=sys.stderr)
        return 1
    except BookError as err:
        print(f"The book did not build; nothing was published:\n{err}", file=sys.stderr)
        return 1
    except BuildBusy as err:
        print(f"Nothing was built: {err}", file=sys.stderr)
        return 1
    return 0
