"""The actor network as GraphML, for Gephi, Cytoscape and networkx.

``Store.network`` builds the network (a pydantic record, which is also its JSON form); this
module only serialises it. networkx writes the GraphML, so that the file follows the format
as other tools read it rather than a hand-written approximation.
"""

from __future__ import annotations

import io

import networkx as nx

from newsgraph.corpus.records import Network


def to_graph(network: Network) -> nx.DiGraph:
    """A directed graph: one node per actor, one edge per (source, target) pair."""
    graph = nx.DiGraph()
    for node in network.nodes:
        graph.add_node(
            node.id,
            name=node.name,
            kind=node.kind or "",
            country=node.country or "",
            code=node.code or "",
            events=node.events,
        )
    for edge in network.edges:
        attributes: dict[str, str | int | float] = {"events": edge.events}
        if edge.mean_goldstein is not None:
            attributes["mean_goldstein"] = edge.mean_goldstein
        for type_, count in edge.types.items():
            attributes[f"type_{type_}"] = count
        for quad, count in edge.quad_classes.items():
            attributes[f"quad_class_{quad}"] = count
        graph.add_edge(edge.source, edge.target, **attributes)
    return graph


def to_graphml(network: Network) -> str:
    """The network as a GraphML document."""
    buffer = io.BytesIO()
    nx.write_graphml(to_graph(network), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
