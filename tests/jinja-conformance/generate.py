#!/usr/bin/env python3
"""Renders the Jinja2 conformance corpus with Jinja2 itself and writes its golden files.

Every case folder under cases/<group>/<case>/ holds a cloud-compose.yml and an image.sh. This
script renders image.sh exactly the way the Python cloud-compose image plugin did:

    vars = yaml.load(open(cfg), Loader=yaml.FullLoader)["image"]
    search_path = [case_dir] + [case_dir/p for p in vars.get("search_path", [])]
    Environment(loader=FileSystemLoader(search_path), undefined=StrictUndefined)
        .get_template("image.sh").render(vars)

and writes expected.txt (the rendered text, byte for byte) or expected-error.json (the error).
Each case is rendered twice, in two Python processes with different string-hash seeds; a case
whose output differs between them is nondeterministic and is reported instead of written.

Usage:
    python3 generate.py               regenerate every case
    python3 generate.py 'filters/*'   regenerate the cases whose group/case path matches a glob
    python3 generate.py --check       render and compare with the goldens; write nothing
    python3 generate.py --coverage    list in README.md the cases that use each builtin filter and test

Nothing here reads what the .NET engine produced: the goldens come from Jinja2 alone.
"""

import fnmatch
import json
import os
import re
import subprocess
import sys
import traceback

ROOT = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(ROOT, "cases")
ORACLE = os.path.join(ROOT, "ORACLE.txt")
CONFIG = "cloud-compose.yml"
TEMPLATE = "image.sh"
TEXT_GOLDEN = "expected.txt"
ERROR_GOLDEN = "expected-error.json"
GOLDENS = (TEXT_GOLDEN, ERROR_GOLDEN)
AMI = "ami-0123456789abcdef0"
SUBNET = "subnet-0123abcd"

# Python prints object addresses ("<function f at 0x7f...>"); they change from run to run.
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]{4,}>")
# Plain YAML integers print the same through PyYAML and through the module; other number forms do not.
PLAIN_INT = re.compile(r"^(0|-?[1-9][0-9]*)$")
HASH_SEEDS = ("1", "2")


def versions():
    import jinja2
    import yaml

    return {
        "Jinja2": jinja2.__version__,
        "PyYAML": yaml.__version__,
        "Python": sys.version.split()[0],
    }


def require_jinja2_31(found):
    parts = tuple(int(p) for p in re.findall(r"\d+", found["Jinja2"])[:2])
    if parts < (3, 1):
        sys.exit(f"generate.py: Jinja2 {found['Jinja2']} is too old; the corpus is defined by Jinja2 3.1 or later.")


def error_id(exc):
    """The module's error id for a Jinja2 exception (the table in README.md)."""
    from jinja2 import exceptions as je

    if isinstance(exc, je.UndefinedError):
        return "TemplateVariableUndefined"
    if isinstance(exc, je.TemplateSyntaxError):  # TemplateAssertionError too
        return "TemplateSyntaxError"
    if isinstance(exc, je.TemplateNotFound):  # TemplatesNotFound too
        return "TemplateNotFound"
    if isinstance(exc, TypeError):
        return "TemplateTypeError"
    if isinstance(exc, RecursionError):
        return "TemplateRecursionLimit"
    return "TemplateRuntimeError"


def error_position(exc, loaded):
    """(template name, line) of the error: the syntax error's own, else the innermost template frame.

    loaded maps each template file read to the name it was loaded by. Jinja2's lexer puts the file path
    where the name belongs in some of its errors (an unclosed comment or raw block); such a path is
    turned back into the name it was loaded by.
    """
    from jinja2 import exceptions as je

    if isinstance(exc, je.TemplateSyntaxError):
        for path in (exc.filename, exc.name):
            if path and os.path.normpath(path) in loaded:
                return loaded[os.path.normpath(path)], exc.lineno
        return exc.name, exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        name = loaded.get(os.path.normpath(frame.filename))
        if name is not None:
            return name, frame.lineno
    return None, None


def render_case(case_dir):
    import yaml
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    class Loader(FileSystemLoader):
        """FileSystemLoader that remembers which name loaded which file; what it loads is unchanged."""

        def __init__(self, searchpath):
            super().__init__(searchpath)
            self.loaded = {}

        def get_source(self, environment, template):
            source, filename, uptodate = super().get_source(environment, template)
            self.loaded[os.path.normpath(filename)] = template
            return source, filename, uptodate

    with open(os.path.join(case_dir, CONFIG), encoding="utf-8") as f:
        variables = yaml.load(f, Loader=yaml.FullLoader)["image"]
    search_path = [case_dir] + [os.path.join(case_dir, p) for p in variables.get("search_path", [])]
    loader = Loader(search_path)
    env = Environment(loader=loader, undefined=StrictUndefined)
    try:
        return {"text": env.get_template(TEMPLATE).render(variables)}
    except Exception as exc:  # every exception is a golden; the engine must raise its equivalent
        template, line = error_position(exc, loader.loaded)
        return {
            "error": {
                "jinja2": type(exc).__name__,
                "id": error_id(exc),
                "message": str(exc),
                "template": template,
                "line": line,
            }
        }


def child_render(names):
    """Child process: render the named cases and print the results as JSON."""
    results = {name: render_case(os.path.join(CASES, *name.split("/"))) for name in names}
    json.dump(results, sys.stdout, ensure_ascii=True)


def render_in_children(names):
    """Renders every case in two processes with different hash seeds; returns both result maps."""
    runs = []
    for seed in HASH_SEEDS:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        runs.append(subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--render", *names],
            stdout=subprocess.PIPE, env=env, cwd=ROOT))
    outputs = []
    for process in runs:
        out, _ = process.communicate()
        if process.returncode != 0:
            sys.exit(f"generate.py: the rendering process failed with exit code {process.returncode}.")
        outputs.append(json.loads(out.decode("utf-8")))
    return outputs


def all_cases():
    """Every group/case path, sorted; a folder two levels down without the case files is an error."""
    problems = []
    names = []
    for group in sorted(os.listdir(CASES)):
        group_dir = os.path.join(CASES, group)
        if not os.path.isdir(group_dir):
            problems.append(f"cases/{group}: expected only group folders under cases/")
            continue
        for case in sorted(os.listdir(group_dir)):
            case_dir = os.path.join(group_dir, case)
            if not os.path.isdir(case_dir):
                problems.append(f"cases/{group}/{case}: expected only case folders in a group")
                continue
            for required in (CONFIG, TEMPLATE):
                if not os.path.isfile(os.path.join(case_dir, required)):
                    problems.append(f"cases/{group}/{case}: {required} is missing")
            names.append(f"{group}/{case}")
    return names, problems


def yaml_problems(name, path):
    """Config rules of the corpus (README.md): values must print the same through PyYAML and the module."""
    import yaml

    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    problems = []
    if "${" in text:
        problems.append("no ${VAR} placeholders (no environment is passed)")
    root = yaml.compose(text, Loader=yaml.FullLoader)
    image = None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "image":
                image = value
    if not isinstance(image, yaml.MappingNode):
        return [f"{name}: {CONFIG} needs an image: map"]

    def walk(node, where):
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.tag.endswith((":float", ":timestamp")):
                problems.append(f"{where}: unquoted {node.tag.rsplit(':', 1)[1]} '{node.value}' prints differently in the module; quote it")
            if node.style is None and node.tag.endswith(":int") and not PLAIN_INT.match(node.value):
                problems.append(f"{where}: unquoted integer '{node.value}' prints differently in the module; quote it")
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{where}[{i}]")
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    walk(value, where)
                    continue
                if not (isinstance(key, yaml.ScalarNode) and key.tag.endswith(":str")):
                    problems.append(f"{where}: key '{getattr(key, 'value', key)}' is not text; the module reads every key as text")
                walk(value, f"{where}.{key.value}")

    walk(image, "image")
    data = yaml.load(text, Loader=yaml.FullLoader)["image"]
    if not isinstance(data.get("name"), str):
        problems.append("image.name is required")
    if not isinstance(data.get("version"), str):
        problems.append("image.version must be quoted text")
    if data.get("aws") != {"ami": AMI, "subnet": SUBNET}:
        problems.append(f"image.aws must be {{ami: {AMI}, subnet: {SUBNET}}}")
    return [f"{name}: {p}" for p in problems]


def file_problems(name, case_dir):
    problems = []
    for folder, _, files in os.walk(case_dir):
        for file in files:
            with open(os.path.join(folder, file), "rb") as f:
                if f.read(3) == b"\xef\xbb\xbf":
                    problems.append(f"{name}: {file} starts with a byte-order mark (the module drops it on purpose)")
    return problems


def golden_for(name, case_dir, first, second):
    """The golden file name and bytes for one case, or a problem string."""
    if first != second:
        return None, f"{name}: nondeterministic output (two renders differ)"
    if "text" in first:
        text = first["text"]
        if ADDRESS.search(text):
            return None, f"{name}: output contains an object address, which changes from run to run"
        if case_dir in text or ROOT in text:
            return None, f"{name}: output contains a path of this machine"
        try:
            return TEXT_GOLDEN, text.encode("utf-8")
        except UnicodeEncodeError as e:
            return None, f"{name}: output is not valid UTF-8 text ({e})"
    error = dict(first["error"])
    # FileSystemLoader names the folders it searched; write them relative to the case folder.
    error["message"] = error["message"].replace(case_dir + os.sep, "").replace(case_dir, ".")
    if ROOT in error["message"] or (error["template"] and os.path.isabs(error["template"])):
        return None, f"{name}: error message or template contains a path of this machine"
    return ERROR_GOLDEN, (json.dumps(error, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def template_files(case_dir):
    for folder, _, files in os.walk(case_dir):
        for file in sorted(files):
            if file not in GOLDENS and file != CONFIG:
                yield os.path.join(folder, file)


def builtins_used(case_dir):
    """(filters, tests) a case's templates use, by name, also where map/select/reject name them in a string."""
    from jinja2 import Environment, TemplateSyntaxError, nodes

    env = Environment()
    filters, tests = set(), set()

    def const(args, i):
        return args[i].value if len(args) > i and isinstance(args[i], nodes.Const) and isinstance(args[i].value, str) else None

    for path in template_files(case_dir):
        with open(path, encoding="utf-8") as f:
            try:
                tree = env.parse(f.read())
            except TemplateSyntaxError:
                continue
        for node in tree.find_all((nodes.Filter, nodes.Test)):
            (filters if isinstance(node, nodes.Filter) else tests).add(node.name)
            if not isinstance(node, nodes.Filter):
                continue
            if node.name == "map" and not any(k.key == "attribute" for k in node.kwargs) and const(node.args, 0):
                filters.add(const(node.args, 0))
            if node.name in ("select", "reject") and const(node.args, 0):
                tests.add(const(node.args, 0))
            if node.name in ("selectattr", "rejectattr") and const(node.args, 1):
                tests.add(const(node.args, 1))
    return filters, tests


COVERAGE_START = "<!-- coverage: written by generate.py --coverage -->"
COVERAGE_END = "<!-- end of coverage -->"


def coverage_table(names):
    """Markdown listing the cases that use each builtin filter and test; also the names no case uses."""
    from jinja2.filters import FILTERS
    from jinja2.tests import TESTS

    used = {"filter": {}, "test": {}}
    for name in names:
        filters, tests = builtins_used(os.path.join(CASES, *name.split("/")))
        for f in filters:
            used["filter"].setdefault(f, []).append(name)
        for t in tests:
            used["test"].setdefault(t, []).append(name)
    lines, missing = [], []
    for kind, builtins in (("filter", FILTERS), ("test", TESTS)):
        lines += ["", f"| {kind} | cases | e.g. |", "| --- | --- | --- |"]
        for builtin in sorted(builtins):
            cases = used[kind].get(builtin, [])
            if not cases:
                missing.append(f"{kind} '{builtin}'")
            shown = ", ".join(f"`{c}`" for c in cases[:3]) + (", …" if len(cases) > 3 else "")
            lines.append(f"| `{builtin}` | {len(cases)} | {shown} |")
    groups = {}
    for name in names:
        groups.setdefault(name.split("/")[0], []).append(name)
    counts = ["", f"{len(names)} cases in {len(groups)} groups:", "", "| group | cases |", "| --- | --- |"]
    counts += [f"| `{g}` | {len(c)} |" for g, c in sorted(groups.items())]
    summary = (f"Every one of Jinja2's {len(FILTERS)} builtin filters and {len(TESTS)} builtin tests "
               f"(`jinja2.filters.FILTERS`, `jinja2.tests.TESTS`) is used by at least one case:")
    return "\n".join([COVERAGE_START] + counts + ["", summary] + lines + ["", COVERAGE_END]), missing


def readme_with(table):
    readme = os.path.join(ROOT, "README.md")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    start, end = text.index(COVERAGE_START), text.index(COVERAGE_END) + len(COVERAGE_END)
    return readme, text, text[:start] + table + text[end:]


def coverage(names, check):
    table, missing = coverage_table(names)
    readme, old, new = readme_with(table)
    if missing:
        print("no case uses " + ", ".join(missing), file=sys.stderr)
        return 1
    if old != new:
        if check:
            print("README.md: the coverage table is out of date (run generate.py --coverage)", file=sys.stderr)
            return 1
        with open(readme, "w", encoding="utf-8", newline="\n") as f:
            f.write(new)
    print("coverage: every builtin filter and test has a case")
    return 0


def main(argv):
    if argv[:1] == ["--render"]:
        child_render(argv[1:])
        return 0

    check = "--check" in argv
    globs = [a for a in argv if a not in ("--check", "--coverage")]
    found = versions()
    require_jinja2_31(found)
    print("Oracle: " + ", ".join(f"{k} {v}" for k, v in found.items()))

    names, problems = all_cases()
    if "--coverage" in argv:
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 2
        return coverage(names, check=False)
    selected = names
    if globs:
        selected = [n for n in names if any(fnmatch.fnmatchcase(n, g) for g in globs)]
        for g in globs:
            if not any(fnmatch.fnmatchcase(n, g) for n in names):
                problems.append(f"no case matches '{g}'")
    for name in selected:
        case_dir = os.path.join(CASES, *name.split("/"))
        if os.path.isfile(os.path.join(case_dir, CONFIG)):
            problems.extend(yaml_problems(name, os.path.join(case_dir, CONFIG)))
        problems.extend(file_problems(name, case_dir))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2

    first, second = render_in_children(selected)
    written = unchanged = texts = errors = 0
    for name in selected:
        case_dir = os.path.join(CASES, *name.split("/"))
        golden, content = golden_for(name, case_dir, first[name], second[name])
        if golden is None:
            problems.append(content)
            continue
        texts += golden == TEXT_GOLDEN
        errors += golden == ERROR_GOLDEN
        path = os.path.join(case_dir, golden)
        current = open(path, "rb").read() if os.path.isfile(path) else None
        others = [os.path.join(case_dir, g) for g in GOLDENS if g != golden and os.path.exists(os.path.join(case_dir, g))]
        if current == content and not others:
            unchanged += 1
            continue
        if check:
            problems.append(f"{name}: {golden} is not what Jinja2 renders (run generate.py '{name}')")
            continue
        with open(path, "wb") as f:
            f.write(content)
        for other in others:
            os.remove(other)
        written += 1

    if not check:
        with open(ORACLE, "w", encoding="utf-8", newline="\n") as f:
            f.write("The goldens under cases/ were rendered by generate.py with:\n")
            f.write("".join(f"{k} {v}\n" for k, v in found.items()))
    print(f"{len(selected)} cases ({texts} text, {errors} error): {written} written, {unchanged} unchanged")
    if check and not globs and coverage(names, check=True):
        problems.append("the coverage table in README.md is not current")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
