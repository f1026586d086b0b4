{{ clusters[0].nodes[1].ip }} {{ clusters.0.nodes.0.ip }} {{ clusters[0]['nodes'][-1]['ip'] }}
