from form4graph.cli import run

run()
