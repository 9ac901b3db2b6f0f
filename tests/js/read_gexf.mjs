// Read a GEXF file the way Gephi Lite does (graphology-gexf) and print what it saw as JSON.
// Usage: node read_gexf.mjs FILE.gexf
import {readFileSync} from "node:fs";
import Graph from "graphology";
import gexf from "graphology-gexf/node/index.js";

const xml = readFileSync(process.argv[2], "utf-8");
const graph = gexf.parse(Graph, xml);
const nodes = {};
graph.forEachNode((key, attrs) => { nodes[key] = attrs; });
const edges = [];
graph.forEachEdge((key, attrs, source, target) => { edges.push({key, source, target, ...attrs}); });
console.log(JSON.stringify({order: graph.order, size: graph.size, multi: graph.multi, type: graph.type, nodes, edges}));
