// @actions/workflow-parser imports its schema (a .json file) without `with { type: "json" }`, which Node
// refuses; this hook supplies the attribute. Registered by the tools before they import the parser.
export async function load(url, context, nextLoad) {
  if (url.endsWith(".json") && !context.importAttributes?.type) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
  }
  return nextLoad(url, context);
}
