"""The packages read like the README: no module imports one that imports it back (at module level),
and neither the domain nor the CLI imports the views."""
import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "visitatie"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    base = ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def graph(module_level: bool = True) -> nx.DiGraph:
    """Module-level imports by default: an import inside a function runs later and cannot form a
    cycle. With module_level=False every import, for the rule about who may import the views."""
    edges = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges.add_node(name)
        tree = ast.parse(path.read_text())
        for node in (tree.body if module_level else ast.walk(tree)):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
                target = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module
                if not target.startswith("visitatie"):
                    continue
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    edges.add_edge(name, sub if is_module(sub) else target)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("visitatie"):
                        edges.add_edge(name, alias.name)
    return edges


def test_no_module_imports_one_that_imports_it_back():
    g = graph()
    # A package's __init__ that imports its own submodules (to register routes, or to list a
    # package's parts) is the one allowed loop: the submodule is loaded by the package, not the reverse.
    for name in list(g):
        for target in list(g.successors(name)):
            if name != "visitatie" and target.startswith(name + ".") and g.has_edge(target, name):
                g.remove_edge(target, name)
    cycles = [c for c in nx.simple_cycles(g) if len(c) > 1]
    assert sorted(cycles, key=len)[:5] == []


def test_the_cli_and_the_domain_import_no_views():
    g = graph(module_level=False)
    outside = [n for n in g if n.startswith(("visitatie.cli", "visitatie.conversations", "visitatie.scheduling",
                                             "visitatie.opbrengst", "visitatie.visits", "visitatie.guides",
                                             "visitatie.reports", "visitatie.wording"))]
    bad = sorted((n, t) for n in outside for t in g.successors(n) if t.startswith("visitatie.web"))
    assert bad == []
