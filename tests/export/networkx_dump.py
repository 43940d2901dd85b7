"""Reads a GEXF or GraphML file with networkx and prints what it understood as JSON, for the export tests.

Usage: python3 networkx_dump.py gexf|graphml FILE
"""
import json
import sys

import networkx as nx

fmt, path = sys.argv[1], sys.argv[2]
graph = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else ((u, v, None, d) for u, v, d in graph.edges(data=True))
print(json.dumps({
    "directed": graph.is_directed(),
    "multigraph": graph.is_multigraph(),
    "graph": graph.graph,
    "nodes": {str(n): d for n, d in graph.nodes(data=True)},
    "edges": [{"source": u, "target": v, "key": k, "data": d} for u, v, k, d in edges],
}, default=str, ensure_ascii=True))
