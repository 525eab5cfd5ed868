"""The render session: memoised stage functions remember in the active session only, bounded
where they should be; `serve` keeps set paragraphs and PDF text operators between renders;
the stages keep no state of their own."""
import ast
import os
import shutil
from pathlib import Path

from layout.session import Session, current, memoised

ROOT = Path(__file__).resolve().parent.parent
made: list = []


@memoised("test squares", memory=3)
def square(n: int) -> int:
    made.append(n)
    return n * n


@memoised("test halves", disk=lambda n: n, memory=0, code=("session/memo.py",),
          well_formed=lambda value: isinstance(value, float))
def half(n: int) -> float:
    made.append(n)
    return n / 2


def test_a_memo_remembers_in_the_active_session_only():
    made.clear()
    with Session(disk=False).active() as first:
        assert [square(2), square(2)] == [4, 4] and made == [2]
        assert list(first.table("test squares")) == [(2,)]
        with Session(disk=False).active():
            assert square(2) == 4 and made == [2, 2]        # a clean session: made again
        assert current() is first


def test_a_bounded_memo_forgets_the_least_recently_used():
    made.clear()
    with Session(disk=False).active() as session:
        for n in (1, 2, 3, 1, 4):                           # 1 used again: 2 goes first
            square(n)
        assert sorted(session.table("test squares")) == [(1,), (3,), (4,)]
        square(2)
        assert made == [1, 2, 3, 4, 2]


def test_a_disk_memo_is_found_by_a_new_session_and_a_wrong_value_is_made_again(
        clean_session):
    made.clear()
    assert half(3) == 1.5
    clean_session.flush()
    with Session().active():
        assert half(3) == 1.5 and made == [3]               # from disk, not made
    clean_session.disk.store("test halves", half.disk_key(4), "not a float")
    assert half(4) == 2.0 and made == [3, 4]


def test_the_disk_key_names_the_code_that_made_the_value():
    other = memoised("test halves", disk=lambda n: n, memory=0, code=("session/core.py",))(
        half.function)
    assert other.disk_key(3) != half.disk_key(3)
    assert half.disk_key(3) == half.disk_key(3)


def test_serve_keeps_set_paragraphs_and_pdf_operators_between_renders(tmp_path):
    """An edit re-sets only the paragraph it touched: the other paragraphs' lines are the
    very objects of the render before, and their lines' text operators are reused."""
    from layout.commands.serve import LivePreview
    issue = tmp_path / "issue"
    shutil.copytree(ROOT / "tests" / "data" / "vertical", issue)
    live = LivePreview(issue)
    try:
        assert live.refresh() and live.error is None
        lines = dict(live.session.table("lines"))
        operators = dict(live.session.table("text operators"))
        assert lines and operators
        article = next(path for path in issue.rglob("*.md"))
        text = article.read_text(encoding="utf-8")
        article.write_text(text + "\n新增一段文字，只为这次测试。\n", encoding="utf-8")
        os.utime(article, ns=(1, article.stat().st_mtime_ns + 10**9))
        assert live.refresh() and live.error is None
        now = live.session.table("lines")
        kept = [key for key in lines if key in now and now[key] is lines[key]]
        assert len(kept) == len(lines)                      # every paragraph set before
        assert len(now) == len(lines) + 1                   # … and the new one
        reused = [key for key in operators if key in live.session.table("text operators")]
        assert len(reused) > len(operators) / 2
    finally:
        live.close()


def test_no_stage_imports_the_store_or_the_workers_or_keeps_a_module_cache():
    """Stages declare what is remembered (`memoised`); they never reach the disk store or the
    worker processes themselves, and keep no memo of their own at module level."""
    layout = ROOT / "layout"
    stages = [*(layout / "text").glob("*.py"), *(layout / "page").glob("*.py"),
              *(layout / "backends").glob("*.py"), layout / "fonts.py", layout / "color.py"]
    found = []
    for path in stages:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [alias.name for alias in node.names]
                if any(name.split(".")[-1] in ("cache", "parallel", "disk", "workers", "cache_dir")
                       for name in names):
                    found.append((path.name, node.lineno))
            elif isinstance(node, ast.Name) and node.id in ("lru_cache", "cache") \
                    and not (path.name == "fonts.py" and _in(tree, node, "_one_face")):
                found.append((path.name, node.lineno))
    assert found == []


def _in(tree, node, function: str) -> bool:
    """Whether `node` is the decorator of `function` (fonts' interning of faces)."""
    return any(isinstance(f, ast.FunctionDef) and f.name == function
               and any(node in ast.walk(d) for d in f.decorator_list) for f in ast.walk(tree))
