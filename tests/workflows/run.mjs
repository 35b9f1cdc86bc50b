// A local executor for the generated workflows, for the test suite: it runs a workflow as GitHub would —
// jobs in `needs` order, `if:` evaluated with @actions/expressions (with GitHub's status functions), job
// outputs, `fromJSON` matrices, reusable workflows (`uses: ./.github/workflows/x.yml`), GITHUB_OUTPUT and
// GITHUB_ENV — with each `uses:` action replaced by a local equivalent (checkout: a clone of the repository;
// setup-dotnet: the dotnet on PATH; docker/login-action: `docker login`, which like the action refuses an empty
// user name or password; upload/download-artifact: a folder; actions/cache: a folder per key, restored with the
// files' times as saved and saved after a successful job, as GitHub's cache does; sigstore/cosign-installer and
// anchore/sbom-action/download-syft: the stand-ins in stubs/, which sign nothing and record what they were asked to
// sign and attest in the --sigstore file, where their verify looks) and `hashFiles` computed over
// the runner's checkout. A workflow runs only for the events (and, for a push, the branches and tags) its `on:`
// names. Every job (every matrix leg) runs on a clean "runner": its own clone, temp folder, Docker config and an
// empty home folder (for the cache's `~` paths; the tools themselves use the machine's), and afterwards the images
// it left in the daemon under --clean-prefix are removed, so whatever a later job needs must come through the
// registry, an artifact or the cache. The runner says it is self-hosted (RUNNER_ENVIRONMENT), as it is.
//
// node run.mjs --repo DIR --workflow .github/workflows/build-test-push.yml --event push --payload FILE
//              --sha SHA --ref refs/heads/main [--inputs JSON] [--secrets JSON] --out DIR --clean-prefix REPO_PREFIX
//              [--wiki BARE_REPO]   (what a checkout of `<repository>.wiki` clones, and its pushes go to)
//              [--cache DIR]        (GitHub's cache, kept between runs; default: DIR/cache of this run)
//              [--sigstore FILE]    (the cosign stand-in's record of signatures, kept between runs; default: DIR/sigstore.log)
//              [--api-url URL]      (GITHUB_API_URL: where Cascade keeps a pull request's comment; a fake API on loopback)
// Writes DIR/results.json: {"triggered": true|false, "jobs": {"<id>": {"result": "success|failure|skipped", "legs": [...]}}}.
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { Evaluator, Lexer, Parser, data } from "@actions/expressions";

const options = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
for (const required of ["repo", "workflow", "event", "payload", "sha", "ref", "out", "clean-prefix"])
  if (!options[required]) { console.error(`run.mjs: --${required} is required`); process.exit(2); }
const repo = resolve(options.repo);
const out = resolve(options.out);
mkdirSync(join(out, "artifacts"), { recursive: true });
const cacheRoot = resolve(options.cache ?? join(out, "cache"));
const sigstore = resolve(options.sigstore ?? join(out, "sigstore.log"));
const stubs = join(dirname(fileURLToPath(import.meta.url)), "stubs");
let runnerCount = 0;

const github = {
  event_name: options.event,
  event: JSON.parse(readFileSync(options.payload, "utf8")),
  sha: options.sha,
  ref: options.ref,
  ref_name: options.ref.replace(/^refs\/(heads|tags)\//, ""),
  head_ref: options.event === "pull_request" ? options["head-ref"] ?? "" : "",
  base_ref: options.event === "pull_request" ? options["base-ref"] ?? "" : "",
  repository: "local/cascade-test",
  server_url: "https://github.com",
  repository_owner: "local",
  actor: "local",
  token: "local-token",
  // GitHub itself is never called from here: without a fake API, a port nothing listens on (refused at once).
  api_url: options["api-url"] ?? "http://127.0.0.1:9",
  run_id: "1",
};

// ---- expressions ---------------------------------------------------------------------------------------

const contextNames = ["github", "env", "inputs", "needs", "steps", "matrix", "secrets", "vars", "job", "runner", "strategy"];
const statusNames = ["success", "failure", "always", "cancelled"];
const usesStatus = (text) => /\b(success|failure|always|cancelled)\s*\(/.test(text);
const toData = (value) => JSON.parse(JSON.stringify(value ?? null), data.reviver);
const fromData = (value) => JSON.parse(JSON.stringify(value, data.replacer));

function evaluate(text, context, status) {
  const lexed = new Lexer(text).lex();
  const functions = statusNames.map((name) => ({ name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status[name]()) }));
  functions.push({ name: "hashFiles", minArgs: 1, maxArgs: 255,
    call: (...patterns) => new data.StringData(hashFiles(context.runner?.workspace, patterns.map((p) => p.coerceString()))) });
  const expression = new Parser(lexed.tokens, contextNames, functions).parse();
  const dictionary = new data.Dictionary(...contextNames.map((key) => ({ key, value: toData(context[key] ?? {}) })));
  return new Evaluator(expression, dictionary, new Map(functions.map((f) => [f.name.toLowerCase(), f]))).evaluate();
}

const truthy = (value) => !(value === false || value === null || value === 0 || value === "" || Number.isNaN(value));

/** `${{ }}` in a value: a whole-value expression keeps its type (fromJSON gives a list); inside text, a string. */
function interpolate(value, context, status = defaultStatus) {
  if (Array.isArray(value)) return value.map((v) => interpolate(v, context, status));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, context, status)]));
  if (typeof value !== "string") return value;
  const whole = value.match(/^\s*\$\{\{([\s\S]*?)\}\}\s*$/);
  if (whole) return fromData(evaluate(whole[1], context, status));
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e) => evaluate(e, context, status).coerceString());
}

/** An `if:`: with or without ${{ }}; without a status function GitHub reads it as `success() && (...)`. */
function condition(text, context, status) {
  if (text === undefined) return status.success();
  const bare = String(text).replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, "$1");
  const full = usesStatus(bare) ? bare : `success() && (${bare})`;
  return truthy(fromData(evaluate(full, context, status)));
}

const defaultStatus = { success: () => true, failure: () => false, always: () => true, cancelled: () => false };

/** A glob of paths as GitHub's actions read it: `**` any folders (or none, before a `/`), `*` and `?` within one name. */
function globRegex(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith("**/", i)) { re += "(?:.*/)?"; i += 2; }
    else if (glob.startsWith("**", i)) { re += ".*"; i += 1; }
    else if (glob[i] === "*") re += "[^/]*";
    else if (glob[i] === "?") re += "[^/]";
    else re += glob[i].replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** The files of a folder (not .git), relative, with '/', in order. */
function filesUnder(root, relative = "") {
  const folder = join(root, relative);
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((entry) => {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.name === ".git") return [];
    return entry.isDirectory() ? filesUnder(root, path) : [path];
  });
}

/** hashFiles(): one SHA-256 over the SHA-256 of each matching file of the checkout; '' when none matches. */
function hashFiles(workspace, patterns) {
  if (!workspace) throw new Error("hashFiles is only available in a job's steps");
  const regexes = patterns.map(globRegex);
  const files = filesUnder(workspace).filter((f) => regexes.some((r) => r.test(f)));
  if (files.length === 0) return "";
  const all = createHash("sha256");
  for (const file of files) all.update(createHash("sha256").update(readFileSync(join(workspace, file))).digest());
  return all.digest("hex");
}

/** An artifact name pattern as download-artifact matches it (minimatch): `*`, `?`, and `@(a|b)` for "a or b". */
function namePattern(pattern) {
  let re = "";
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "@" && pattern[i + 1] === "(") { re += "(?:"; depth++; i++; }
    else if (c === ")" && depth > 0) { re += ")"; depth--; }
    else if (c === "|" && depth > 0) re += "|";
    else if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

// ---- triggers ------------------------------------------------------------------------------------------

/** Whether `on:` runs the workflow for this event: its name, and for a push the branch and tag filters. */
function triggered(on) {
  const events = typeof on === "string" ? { [on]: null } : Array.isArray(on) ? Object.fromEntries(on.map((e) => [e, null])) : on;
  if (!(github.event_name in events)) return false;
  const filter = events[github.event_name] ?? {};
  if (github.event_name === "schedule")
    return (filter ?? []).some((s) => s.cron === github.event.schedule);
  if (github.event_name !== "push" || (!filter.branches && !filter.tags)) return true;
  const [, kind, name] = github.ref.match(/^refs\/(heads|tags)\/(.*)$/) ?? [];
  const patterns = kind === "heads" ? filter.branches : kind === "tags" ? filter.tags : undefined;
  return (patterns ?? []).some((p) => globRegex(p).test(name));
}

// ---- workflows and jobs --------------------------------------------------------------------------------

function loadWorkflow(path) {
  return parse(readFileSync(join(repo, path), "utf8"));
}

/** Runs every job of a workflow in needs order; returns {id: {result, outputs, legs}}. */
function runWorkflow(workflow, inputs, secrets, label) {
  const jobs = workflow.jobs;
  const results = {};
  const needsOf = (id) => [].concat(jobs[id].needs ?? []);
  const ancestors = (id) => needsOf(id).flatMap((n) => [n, ...ancestors(n)]);
  const pending = Object.keys(jobs);
  while (pending.length > 0) {
    const id = pending.find((j) => needsOf(j).every((n) => results[n]));
    if (!id) throw new Error(`${label}: jobs ${pending.join(", ")} wait on each other or on unknown jobs`);
    pending.splice(pending.indexOf(id), 1);
    const before = [...new Set(ancestors(id))].map((n) => results[n].result);
    const status = {
      success: () => before.every((r) => r === "success"),
      failure: () => before.some((r) => r === "failure"),
      always: () => true,
      cancelled: () => false,
    };
    const needs = Object.fromEntries(needsOf(id).map((n) => [n, { result: results[n].result, outputs: results[n].outputs }]));
    const context = { github, inputs, needs, env: workflow.env ?? {}, vars: {}, secrets, matrix: {} };
    if (!condition(jobs[id].if, context, status)) {
      log(`${label}${id}: skipped`);
      results[id] = { result: "skipped", outputs: {}, legs: [] };
      continue;
    }
    results[id] = runJob(workflow, id, jobs[id], context, `${label}${id}`);
    log(`${label}${id}: ${results[id].result}`);
  }
  return results;
}

/** A job, once or once per matrix leg; a matrix job failed when any leg failed (fail-fast: false). */
function runJob(workflow, id, job, context, label) {
  const legs = matrixLegs(job, context).map((matrix) => {
    const legContext = { ...context, matrix };
    const legLabel = Object.keys(matrix).length ? `${label}(${matrix.image ?? JSON.stringify(matrix)})` : label;
    return job.uses ? runCalledWorkflow(job, legContext, legLabel) : runSteps(workflow, job, legContext, legLabel);
  });
  const result = legs.some((l) => l.result === "failure") ? "failure"
    : legs.some((l) => l.result === "success") ? "success" : "skipped";
  return { result, outputs: Object.assign({}, ...legs.map((l) => l.outputs)), legs };
}

function matrixLegs(job, context) {
  const matrix = job.strategy?.matrix;
  if (!matrix) return [{}];
  const value = interpolate(matrix, context);
  const include = typeof value === "object" && !Array.isArray(value) ? value.include : value;
  if (!Array.isArray(include) || include.length === 0) throw new Error("a matrix must define at least one combination");
  return include;
}

function runCalledWorkflow(job, context, label) {
  if (!job.uses.startsWith("./")) throw new Error(`${label}: only local reusable workflows run here (${job.uses})`);
  const called = loadWorkflow(job.uses.slice(2));
  const declared = called.on.workflow_call?.inputs ?? {};
  const given = interpolate(job.with ?? {}, context);
  const inputs = Object.fromEntries(Object.entries(declared).map(([name, spec]) => [name, given[name] ?? spec.default]));
  // `secrets: inherit` passes the caller's secrets on; without it a called workflow sees none.
  const results = runWorkflow(called, inputs, job.secrets === "inherit" ? context.secrets : {}, `${label}/`);
  const all = Object.values(results);
  const result = all.some((r) => r.result === "failure") ? "failure" : all.some((r) => r.result === "success") ? "success" : "skipped";
  return { result, outputs: {}, jobs: results };
}

// ---- one runner --------------------------------------------------------------------------------------

function runSteps(workflow, job, context, label) {
  const runner = join(out, "runners", `${++runnerCount}-${label.replace(/[^A-Za-z0-9_.-]+/g, "_")}`);
  const workspace = join(runner, "workspace");
  const temp = join(runner, "temp");
  mkdirSync(workspace, { recursive: true });
  mkdirSync(temp, { recursive: true });
  const logFile = join(runner, "log.txt");
  const eventPath = join(temp, "event.json");
  writeFileSync(eventPath, JSON.stringify(github.event));
  const home = join(runner, "home");
  mkdirSync(home);
  const runnerContext = { os: "Linux", arch: "X64", name: label, temp, workspace, environment: "self-hosted" };
  const posts = [];
  const addedEnv = {};
  const addedPaths = [];
  const steps = {};
  const base = {
    PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG ?? "C.UTF-8",
    DOTNET_ROOT: process.env.DOTNET_ROOT, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1",
    NUGET_PACKAGES: process.env.NUGET_PACKAGES,
    CI: "true", GITHUB_ACTIONS: "true", GITHUB_EVENT_NAME: github.event_name, GITHUB_SHA: github.sha,
    GITHUB_SERVER_URL: github.server_url, GITHUB_REF: github.ref, GITHUB_REF_NAME: github.ref_name, GITHUB_HEAD_REF: github.head_ref,
    GITHUB_BASE_REF: github.base_ref, GITHUB_REPOSITORY: github.repository, GITHUB_ACTOR: github.actor, GITHUB_API_URL: github.api_url,
    GITHUB_WORKSPACE: workspace, GITHUB_EVENT_PATH: eventPath, RUNNER_TEMP: temp, TMPDIR: temp,
    DOCKER_CONFIG: join(runner, "docker"), GITHUB_STEP_SUMMARY: join(temp, "summary.md"),
    RUNNER_OS: runnerContext.os, RUNNER_ARCH: runnerContext.arch, RUNNER_ENVIRONMENT: runnerContext.environment,
  };
  let failed = false;
  const stepStatus = { success: () => !failed, failure: () => failed, always: () => true, cancelled: () => false };
  const timeout = Number(interpolate(job["timeout-minutes"] ?? 360, context)) * 60_000;
  // The workflow's and the job's env, worked out once as the job starts: the `env` context of every step.
  const jobEnv = {};
  for (const scope of [workflow.env, job.env])
    for (const [k, v] of Object.entries(scope ?? {})) jobEnv[k] = String(interpolate(v, { ...context, runner: runnerContext, env: jobEnv }) ?? "");
  try {
    for (const [index, step] of (job.steps ?? []).entries()) {
      const stepContext = { ...context, steps, runner: runnerContext, env: { ...jobEnv, ...addedEnv } };
      const name = step.name ?? step.uses ?? `step ${index + 1}`;
      if (!condition(step.if, stepContext, stepStatus)) { appendFileSync(logFile, `--- ${name}: skipped\n`); continue; }
      const env = { ...base, ...jobEnv, ...addedEnv, PATH: [...addedPaths, base.PATH].join(":") };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = String(interpolate(v, { ...stepContext, env }) ?? "");
      const outputFile = join(temp, `output-${index}`);
      const envFile = join(temp, `env-${index}`);
      const pathFile = join(temp, `path-${index}`);
      writeFileSync(outputFile, "");
      writeFileSync(envFile, "");
      writeFileSync(pathFile, "");
      env.GITHUB_OUTPUT = outputFile;
      env.GITHUB_ENV = envFile;
      env.GITHUB_PATH = pathFile;
      appendFileSync(logFile, `--- ${name}\n`);
      const ok = step.uses
        ? runAction(step.uses, interpolate(step.with ?? {}, stepContext), env, workspace, logFile, { home, posts })
        : runScript(interpolate(step.run, stepContext), env, workspace, temp, logFile, timeout);
      if (step.id) steps[step.id] = { outputs: readKeyValues(outputFile), outcome: ok ? "success" : "failure" };
      Object.assign(addedEnv, readKeyValues(envFile));
      // GITHUB_PATH: each line goes before the PATH of the steps after, the last added first.
      addedPaths.unshift(...readFileSync(pathFile, "utf8").split("\n").filter(Boolean).reverse());
      if (!ok) { failed = true; appendFileSync(logFile, `--- ${name}: failed\n`); }
    }
    // The actions' post steps, last first; those here (the cache's save) run only after a successful job.
    if (!failed) for (const post of posts.reverse()) post();
  } finally {
    cleanRunner();
  }
  const outputs = failed ? {} : Object.fromEntries(Object.entries(job.outputs ?? {})
    .map(([k, v]) => [k, String(interpolate(v, { ...context, steps }) ?? "")]));
  return { result: failed ? "failure" : "success", outputs, log: logFile };
}

function runScript(script, env, cwd, temp, logFile, timeout) {
  const file = join(temp, `script-${Date.now()}-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  const run = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], {
    cwd, env: clean(env), encoding: "utf8", timeout, maxBuffer: 256 * 1024 * 1024,
  });
  appendFileSync(logFile, (run.stdout ?? "") + (run.stderr ?? ""));
  if (run.error) appendFileSync(logFile, `${run.error}\n`);
  return run.status === 0;
}

function sh(args, env, cwd, logFile, input) {
  const run = spawnSync(args[0], args.slice(1), { cwd, env: clean(env), encoding: "utf8", input });
  appendFileSync(logFile, `$ ${args.join(" ")}\n${run.stdout ?? ""}${run.stderr ?? ""}`);
  return run.status === 0;
}

/** The local equivalents of the actions the generated workflows use. */
function runAction(uses, inputs, env, workspace, logFile, runner) {
  const action = uses.replace(/@.*$/, "");
  switch (action) {
    case "actions/checkout":
      if (inputs.repository === `${github.repository}.wiki` && options.wiki)
        return sh(["git", "clone", "--quiet", resolve(options.wiki), join(workspace, inputs.path ?? ".")], env, undefined, logFile);
      if (inputs.repository) { appendFileSync(logFile, `only this repository (and, with --wiki, its wiki) can be checked out\n`); return false; }
      return sh(["git", "clone", "--quiet", repo, workspace], env, undefined, logFile)
        && sh(["git", "checkout", "--quiet", "--detach", github.sha], env, workspace, logFile);
    case "actions/setup-dotnet":
      return sh(["dotnet", "--version"], env, workspace, logFile);
    case "docker/login-action":
      // The action's own check: a fork's pull request, which gets no secrets, stops here.
      if (!inputs.username || !inputs.password) { appendFileSync(logFile, "Error: Username and password required\n"); return false; }
      return sh(["docker", "login", inputs.registry, "--username", inputs.username, "--password-stdin"], env, workspace, logFile, inputs.password);
    case "actions/cache":
      return cache(inputs, env, workspace, logFile, runner);
    case "sigstore/cosign-installer":
      // As the action: cosign in ~/.cosign, put on PATH through GITHUB_PATH.
      appendFileSync(env.GITHUB_PATH, `${stub("cosign", join(runner.home, ".cosign"), logFile)}\n`);
      return true;
    case "anchore/sbom-action/download-syft":
      // As the action: syft downloaded, its path the output `cmd` (not on PATH).
      appendFileSync(env.GITHUB_OUTPUT, `cmd=${join(stub("syft", join(runner.home, ".syft"), logFile), "syft")}\n`);
      return true;
    case "actions/upload-artifact": {
      const target = join(out, "artifacts", inputs.name);
      if (existsSync(target)) { appendFileSync(logFile, `an artifact named ${inputs.name} exists already\n`); return false; }
      const files = matching(workspace, inputs.path);
      if (files.length === 0) return inputs["if-no-files-found"] === "ignore" || inputs["if-no-files-found"] === "warn";
      for (const [from, to] of files) cpSync(from, join(target, to), { recursive: true });
      return true;
    }
    case "actions/download-artifact": {
      const all = readdirSync(join(out, "artifacts"));
      const pattern = inputs.name ? new RegExp(`^${inputs.name.replace(/[.+^${}()|[\]\\]/g, "\\$&")}$`) : namePattern(inputs.pattern);
      const found = all.filter((n) => pattern.test(n));
      // By name, the artifact must be there; a pattern may match none.
      if (inputs.name && found.length === 0) { appendFileSync(logFile, `Unable to download artifact(s): Artifact not found for name: ${inputs.name}\n`); return false; }
      const target = join(workspace, inputs.path ?? ".");
      for (const name of found)
        cpSync(join(out, "artifacts", name), inputs["merge-multiple"] || inputs.name ? target : join(target, name), { recursive: true });
      appendFileSync(logFile, `downloaded ${found.length} artifact(s): ${found.join(", ")}\n`);
      return true;
    }
    default:
      appendFileSync(logFile, `no local equivalent of ${uses}\n`);
      return false;
  }
}

/** Puts the stand-in for `tool` in `folder` (a script that runs stubs/<tool> with the --sigstore file) and returns the folder. */
function stub(tool, folder, logFile) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, tool), `#!/bin/sh\nexec "${join(stubs, tool)}" ${tool === "cosign" ? `"${sigstore}" ` : ""}"$@"\n`, { mode: 0o755 });
  appendFileSync(logFile, `${tool}: the executor's stand-in (${join(stubs, tool)}); nothing is signed\n`);
  return folder;
}

/** actions/cache: restores the key's folder (the files' times as saved, as the cache's tar keeps them) and says
 *  `cache-hit`; on a miss, saves the paths that exist after a successful job. `~` is the runner's (empty) home. */
function cache(inputs, env, workspace, logFile, runner) {
  const paths = String(inputs.path).split("\n").map((p) => p.trim()).filter(Boolean);
  const local = (path) => path.startsWith("~/") ? join(runner.home, path.slice(2)) : resolve(workspace, path);
  const entry = join(cacheRoot, createHash("sha256").update(inputs.key).digest("hex").slice(0, 32));
  const hit = existsSync(join(entry, "complete"));
  appendFileSync(env.GITHUB_OUTPUT, `cache-hit=${hit}\n`);
  appendFileSync(logFile, hit ? `Cache restored from key: ${inputs.key}\n` : `Cache not found for input keys: ${inputs.key}\n`);
  if (hit) {
    paths.forEach((path, i) => {
      const saved = join(entry, String(i));
      if (existsSync(saved)) cpSync(saved, local(path), { recursive: true, preserveTimestamps: true });
    });
    return true;
  }
  runner.posts.push(() => {
    const present = paths.map((path, i) => [local(path), join(entry, String(i))]).filter(([from]) => existsSync(from));
    if (present.length === 0) {
      appendFileSync(logFile, "Warning: Path Validation Error: Path(s) specified in the action for caching do(es) not exist, hence no cache is being saved.\n");
      return;
    }
    if (existsSync(join(entry, "complete"))) return; // another job saved it first
    for (const [from, to] of present) cpSync(from, to, { recursive: true, preserveTimestamps: true });
    writeFileSync(join(entry, "complete"), inputs.key);
    appendFileSync(logFile, `Cache saved with key: ${inputs.key}\n`);
  });
  return true;
}

/** What an upload's `path` names: the path itself, or with `*` and `**` the files it matches, each paired with
 *  where it goes in the artifact (relative to the path's part before its first wildcard, as GitHub keeps it). */
function matching(workspace, path) {
  if (!path.includes("*")) return existsSync(join(workspace, path)) ? [[join(workspace, path), "."]] : [];
  const parts = path.split("/");
  const base = parts.slice(0, parts.findIndex((p) => p.includes("*"))).join("/");
  const pattern = globRegex(path);
  return filesUnder(workspace, base).filter((f) => pattern.test(f))
    .map((f) => [join(workspace, f), base ? f.slice(base.length + 1) : f]);
}

/** The runner is thrown away: the images it left in the daemon go with it. */
function cleanRunner() {
  const list = spawnSync("docker", ["images", "--format", "{{.Repository}}:{{.Tag}}"], { encoding: "utf8" });
  const mine = (list.stdout ?? "").split("\n").filter((r) => r.startsWith(options["clean-prefix"]));
  if (mine.length) spawnSync("docker", ["rmi", "--force", ...mine], { encoding: "utf8" });
}

function readKeyValues(file) {
  const lines = readFileSync(file, "utf8").split("\n");
  const values = {};
  for (let i = 0; i < lines.length; i++) {
    const heredoc = lines[i].match(/^([^=<]+)<<(.+)$/);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      values[heredoc[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (lines[i].includes("=")) {
      values[lines[i].slice(0, lines[i].indexOf("="))] = lines[i].slice(lines[i].indexOf("=") + 1);
    }
  }
  return values;
}

const clean = (env) => Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== null));
const log = (line) => console.log(line);

const workflow = loadWorkflow(options.workflow);
if (!triggered(workflow.on)) {
  log(`${options.workflow} does not run for ${github.event_name} of ${github.ref}`);
  writeFileSync(join(out, "results.json"), JSON.stringify({ triggered: false, jobs: {} }, null, 2));
  process.exit(0);
}
// A dispatch's inputs: those given, the rest at their defaults.
const declaredInputs = options.event === "workflow_dispatch" ? workflow.on.workflow_dispatch?.inputs ?? {} : {};
const inputs = { ...Object.fromEntries(Object.entries(declaredInputs).map(([k, v]) => [k, v.default])), ...JSON.parse(options.inputs ?? "{}") };
const results = runWorkflow(workflow, inputs, { GITHUB_TOKEN: github.token, ...JSON.parse(options.secrets ?? "{}") }, "");
writeFileSync(join(out, "results.json"), JSON.stringify({ triggered: true, jobs: results }, null, 2));
