"""Dependencies point down (docs/architecture.md, "Apps and the direction of dependencies").

Every module of the project's packages is parsed (ast, not imported), and every import counts –
at module level, inside a function, under TYPE_CHECKING – since each is a dependency a reader
has to follow. Three rules:

- a package imports only packages below it in LAYERS (core imports none of them; no app imports
  cms, the project that assembles them);
- no package has an import cycle between its modules;
- every package of the project has its place in LAYERS.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first: each package may import the packages before it, never one after it.
LAYERS = (
    "core",
    "mailings",
    "themes",
    "cases",
    "key_figures",
    "search",
    "downloads",
    "subscriptions",
    "cms",
)

# Imports that still point up, each with the reason it has not been turned round yet. The test
# fails on any other upward import, and on an entry here that is no longer true.
KNOWN_UPWARD: set[tuple[str, str]] = set()


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules(root: Path, packages) -> dict[str, Path]:
    return {
        module_name(path, root): path
        for package in packages
        for path in sorted((root / package).rglob("*.py"))
    }


def imported_names(name: str, source: str, is_package: bool, known) -> set[str]:
    """Every module `source` (the module `name`) imports, as dotted names; `from x import y`
    names x.y where that is a module of the project, else x."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in known else target)
    return found


def dependency_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the project modules it imports (the closest enclosing module of each name)."""
    graph = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_names(
            name, path.read_text(encoding="utf-8"), path.name == "__init__.py", modules
        ):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def package_of(module: str) -> str:
    return module.partition(".")[0]


def upward_imports(graph: dict[str, set[str]], layers=LAYERS) -> set[tuple[str, str]]:
    rank = {package: position for position, package in enumerate(layers)}
    return {
        (module, target)
        for module, targets in graph.items()
        for target in targets
        if package_of(target) != package_of(module)
        and rank[package_of(target)] > rank[package_of(module)]
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules of one package that import each other, directly or round a loop
    (strongly connected components, Tarjan's algorithm without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def inside(module: str) -> list[str]:
        return sorted(t for t in graph[module] if package_of(t) == package_of(module))

    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(inside(start)))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(inside(target))))
                elif target in on_stack:
                    low[module] = min(low[module], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def project_packages(root: Path) -> set[str]:
    return {path.parent.name for path in root.glob("*/apps.py")} | {"core"}


@pytest.fixture(scope="module")
def graph():
    return dependency_graph(project_modules(ROOT, LAYERS))


def test_every_package_of_the_project_has_a_layer():
    assert project_packages(ROOT) <= set(LAYERS), "add the new app to LAYERS and to the docs"


def test_no_package_imports_one_above_it(graph):
    upward = upward_imports(graph)
    assert sorted(upward - KNOWN_UPWARD) == []
    assert sorted(KNOWN_UPWARD - upward) == [], "turned round: remove it from KNOWN_UPWARD"


def test_no_app_imports_the_project(graph):
    assert (
        sorted(
            (module, target)
            for module, targets in graph.items()
            for target in targets
            if package_of(target) == "cms" != package_of(module)
        )
        == []
    )


def test_core_imports_no_app(graph):
    assert (
        sorted(
            (module, target)
            for module, targets in graph.items()
            for target in targets
            if package_of(module) == "core" != package_of(target)
        )
        == []
    )


def test_no_package_has_an_import_cycle(graph):
    assert cycles(graph) == []


# The checks themselves, on a small made-up project: they must see what they are meant to see.


def write(root: Path, files: dict[str, str]) -> None:
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")


def test_a_function_level_import_of_the_project_from_an_app_is_found(tmp_path):
    write(
        tmp_path,
        {
            "core/__init__.py": "",
            "core/numbers.py": "",
            "cases/__init__.py": "",
            "cases/charts.py": "from core.numbers import sek\n\ndef f():\n    from cms import x\n",
            "cms/__init__.py": "",
            "cms/x.py": "",
        },
    )
    graph = dependency_graph(project_modules(tmp_path, ("core", "cases", "cms")))
    assert upward_imports(graph, ("core", "cases", "cms")) == {("cases.charts", "cms.x")}


def test_core_importing_an_app_is_found(tmp_path):
    write(tmp_path, {"core/__init__.py": "", "core/a.py": "import cases.models\n"})
    write(tmp_path, {"cases/__init__.py": "", "cases/models.py": ""})
    graph = dependency_graph(project_modules(tmp_path, ("core", "cases")))
    assert upward_imports(graph, ("core", "cases")) == {("core.a", "cases.models")}


def test_a_cycle_through_relative_and_lazy_imports_is_found(tmp_path):
    write(
        tmp_path,
        {
            "search/__init__.py": "",
            "search/outbox.py": "def wake():\n    from .tasks import sync\n",
            "search/tasks.py": "from . import outbox\n",
            "search/service.py": "from search.outbox import mark\n",
        },
    )
    graph = dependency_graph(project_modules(tmp_path, ("search",)))
    assert cycles(graph) == [["search.outbox", "search.tasks"]]
