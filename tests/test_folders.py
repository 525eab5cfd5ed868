"""layout/'s folders show the pipeline (ARCHITECTURE.md): the stages never reach the commands
around them."""
import ast
from pathlib import Path

LAYOUT = Path(__file__).resolve().parent.parent / "layout"
AROUND = ("layout.commands", "layout.cli")      # the commands, and the CLI that runs them
COMMANDS = ("commands/", "cli.py", "makeup/command.py")     # (make-up's is its stage's own)


def imported(path: Path) -> list[tuple[str, int]]:
    """Every module `path` imports (relative imports resolved), with its line."""
    package = ".".join(path.relative_to(LAYOUT.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] \
                if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found += [(f"{module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def test_the_pipeline_imports_nothing_from_the_commands_around_it():
    pipeline = [path for path in LAYOUT.rglob("*.py")
                if not path.relative_to(LAYOUT).as_posix().startswith(COMMANDS)]
    assert len(pipeline) > 50
    found = [(str(path.relative_to(LAYOUT)), line, name) for path in pipeline
             for name, line in imported(path) if name.startswith(AROUND)]
    assert found == []


def test_imports_resolve_as_python_resolves_them():
    names = dict((name, line) for name, line in imported(LAYOUT / "commands" / "deliver.py"))
    assert "layout.render.compose" in names and "layout.inspect.preflight.measure" in names
