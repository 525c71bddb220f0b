package org.nixproc.processmgmt.disnix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifest as a Graphviz DOT graph, as disnix-visualize draws a deployment: a box (cluster) per
 * target holding its services, an arrow from each service to each mapping of its
 * inter-dependencies, wherever they run (dependsOn solid, connectsTo dashed, activatesAfter dotted).
 */
public final class DeploymentGraph {
    private DeploymentGraph() {
    }

    public static String dot(Manifest manifest) {
        StringBuilder b = new StringBuilder("digraph deployment {\n  rankdir=LR;\n  node [shape=box, style=filled, fillcolor=white];\n");
        Map<String, List<Manifest.Mapping>> byTarget = new LinkedHashMap<>();
        manifest.targets().keySet().forEach(t -> byTarget.put(t, manifest.mappingsOf(t)));
        int i = 0;
        for (Map.Entry<String, List<Manifest.Mapping>> e : byTarget.entrySet()) {
            b.append("  subgraph cluster_").append(i++).append(" {\n    label=").append(quote(e.getKey()))
                    .append(";\n    style=filled;\n    fillcolor=lightgrey;\n");
            for (Manifest.Mapping m : e.getValue()) {
                b.append("    ").append(node(m)).append(" [label=").append(quote(m.service() + "\n(" + m.type() + ")")).append("];\n");
            }
            if (e.getValue().isEmpty()) {
                // Graphviz leaves out an empty cluster; the machine is part of the picture all the same.
                b.append("    ").append(quote("target:" + e.getKey())).append(" [label=\"\", style=invis];\n");
            }
            b.append("  }\n");
        }
        for (Manifest.Edge edge : manifest.edges()) {
            String style = switch (edge.kind()) {
                case "connectsTo" -> "dashed";
                case "activatesAfter" -> "dotted";
                default -> "solid";
            };
            for (Manifest.Mapping from : manifest.mappings()) {
                if (!from.service().equals(edge.service())) {
                    continue;
                }
                for (Manifest.Mapping to : manifest.mappings()) {
                    if (to.service().equals(edge.dependency())) {
                        b.append("  ").append(node(from)).append(" -> ").append(node(to)).append(" [style=").append(style).append("];\n");
                    }
                }
            }
        }
        return b.append("}\n").toString();
    }

    private static String node(Manifest.Mapping m) {
        return quote(m.service() + "@" + m.target());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
