// What graph.html needs from the libraries; build.mjs bundles it into pipeline/view.js.
import Graph from "graphology";
import Sigma from "sigma";
import { drawDiscNodeLabel, EdgeArrowProgram, EdgeLineProgram } from "sigma/rendering";

window.NewsgraphLib = { Graph, Sigma, drawDiscNodeLabel, EdgeArrowProgram, EdgeLineProgram };
