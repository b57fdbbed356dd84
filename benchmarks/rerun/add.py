"""Group `add`: `make add` with hostile file names, slugs, a title-only page, a full disk."""

from __future__ import annotations

from pathlib import Path

from benchmarks.rerun.cases import Case, Outcome
from benchmarks.rerun.runner import judge_refusal, make, mount_tmpfs, snapshot, umount

PAGE = """数字政府建设的若干问题研究
张三
2023年2月28日
在促进国家治理体系和治理能力现代化方面，数字技术和数字资源发挥着越来越重要的作用。各地积极落实和推进党中央、国务院要求，政府数字服务能力显著提升。
总体看，各级政府的网上政务服务能力显著提高，数字政府建设取得了显著成绩，但也面临一些问题。
"""
PAGE_SLUG = "shuzi-zhengfu-jianshe-de"


def no_command_ran(*folders: Path) -> bool:
    return not any((f / "X").exists() for f in folders)


def added_since(corpus: Path, before: dict[str, str]) -> list[str]:
    return sorted(set(snapshot(corpus)) - set(before))


def remove(corpus: Path, rels: list[str]) -> None:
    for rel in rels:
        (corpus / rel).unlink()


def add_group(repo: Path, todo: list[Case], results: dict[str, Outcome], scratch: Path) -> None:
    corpus = repo / "corpus"
    for case in todo:
        before = snapshot(corpus)
        if "name" in case.params:
            name = str(case.params["name"])
            page = repo / name
            page.write_text(PAGE, encoding="utf-8")
            done = make(repo, "add", f"FILE={name}")
            added = added_since(corpus, before)
            raws = [corpus / r for r in added if r.startswith("raw/")]
            page.unlink()
            if not no_command_ran(repo, scratch):
                results[case.id] = Outcome("executed", "X was created")
            elif done.code == 0 and raws and raws[0].read_bytes() == PAGE.encode() and f"articles/{PAGE_SLUG}.yaml" in added:
                results[case.id] = Outcome("handled", "read under its exact name: " + next(
                    (line for line in done.out.splitlines() if line.startswith("added ")), "")[:90])
            elif done.code == 0:
                results[case.id] = Outcome("silent corruption", f"added {added}, not the page under its name")
            else:
                results[case.id] = judge_refusal(done, line=False)
            remove(corpus, added)
        elif "slug" in case.params:
            slug = str(case.params["slug"])
            page = scratch / "page.txt"
            page.write_text(PAGE, encoding="utf-8")
            done = make(repo, "add", f"FILE={page}", f"SLUG={slug}")
            added = added_since(corpus, before)
            if not no_command_ran(repo, scratch):
                results[case.id] = Outcome("executed", "X was created")
            elif done.code == 0:
                results[case.id] = Outcome("refused only later", f"written to the corpus: {added}")
            else:
                results[case.id] = judge_refusal(done, file=str(page), line=False, words="--slug")
            remove(corpus, added)
        elif case.id == "title-only":
            page = scratch / "title-only.txt"
            page.write_text("数字政府建设的若干问题研究\n", encoding="utf-8")
            done = make(repo, "add", f"FILE={page}")
            out = judge_refusal(done, file=str(page), line=False, words="no article text")
            results[case.id] = out if out.outcome != "silent corruption" else Outcome("silent corruption", "a title-only page was added")
            remove(corpus, added_since(corpus, before))
        elif case.id == "disk-add":
            results[case.id] = disk_full_add(repo, scratch)
        assert snapshot(corpus) == before, f"{case.id}: the corpus was not restored"


def disk_full_add(repo: Path, scratch: Path) -> Outcome:
    """Each of corpus/raw and corpus/articles in turn on a tmpfs with no room left (its files copied in): `make add`
    must say one line and leave nothing; with room again, the same page gets the same slug (not `-2`)."""
    corpus = repo / "corpus"
    page = scratch / "full.txt"
    page.write_text(PAGE, encoding="utf-8")
    details = []
    for folder in ("raw", "articles"):
        where = corpus / folder
        files = {p.name: p.read_bytes() for p in where.iterdir()}
        before = snapshot(corpus)
        pages = sum(-(-len(b) // 4096) for b in files.values()) or 1
        if problem := mount_tmpfs(where, pages * 4096):
            return Outcome("not run", f"tmpfs: {problem}")
        try:
            for name, data in files.items():
                (where / name).write_bytes(data)
            # fill what rounding left
            try:
                with (where / ".fill").open("wb") as f:
                    while True:
                        f.write(b"\0" * 4096)
                        f.flush()
            except OSError:
                pass
            full_before = snapshot(corpus)
            done = make(repo, "add", f"FILE={page}")
            (where / ".fill").unlink(missing_ok=True)
            after = snapshot(corpus)
        finally:
            umount(where)
        out = judge_refusal(done, line=False, words="No space left")
        left = sorted(set(after) - set(full_before))
        details.append(f"{folder} full: {out.outcome}: {out.detail}" + (f"; left behind: {left}" if left else ""))
        if out.outcome != "refused cleanly":
            return Outcome(out.outcome, "; ".join(details))
        if left:
            return Outcome("silent corruption", "; ".join(details))
        assert snapshot(corpus) == before
    before = snapshot(corpus)
    done = make(repo, "add", f"FILE={page}")
    added = added_since(corpus, before)
    remove(corpus, added)
    if done.code != 0 or f"articles/{PAGE_SLUG}.yaml" not in added:
        return Outcome("silent corruption", "; ".join(details) + f"; with room again: {done.err.strip()[:200]} {added}")
    return Outcome("refused cleanly", "; ".join(details) + f"; with room again added as {PAGE_SLUG}.yaml")
