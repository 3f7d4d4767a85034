/**
 * `iam-spec init [--from-terraform PLAN | --from-cloudformation TEMPLATE | --from-gaad EXPORT]
 * [--account ID] [DIR]`: writes DIR/environment.yaml (importing the given input, or a small sample
 * environment) and DIR/starter.iamspec.yaml, whose expectations all hold on it (src/init/starter.ts).
 * Never overwrites a file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { CliIO } from "./main.js";
import { parseCommand, usage as commandUsage } from "./subcommand.js";

export const INIT_HELP = `Usage: iam-spec init [--from-terraform PLAN | --from-cloudformation TEMPLATE | --from-gaad EXPORT] [--account ID] [DIR]

Writes DIR/environment.yaml and DIR/starter.iamspec.yaml (DIR: default the current directory), then
checks them: every expectation of the starter spec holds on the input. Never overwrites a file.

Options:
  --from-terraform PLAN          a Terraform plan as JSON (terraform show -json PLANFILE > plan.json)
  --from-cloudformation TEMPLATE a CloudFormation or AWS SAM template, or CDK synth output (cdk.out/*.template.json)
  --from-gaad EXPORT             aws iam get-account-authorization-details output
  --account ID                   the account the input belongs to (default: the account its ARNs name,
                                 else 111122223333, to be changed)
  -h, --help                     show this help

Without --from-*, the environment is a small sample to edit.
Exit codes: 0 written and checked, 2 invalid input or a file that already exists.
`;

const SOURCES = { "from-terraform": "terraformPlan", "from-cloudformation": "cloudformation", "from-gaad": "authorizationDetails" } as const;
const PLACEHOLDER_ACCOUNT = "111122223333";

export async function initCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommand("init", argv, {
    "from-terraform": { type: "string" },
    "from-cloudformation": { type: "string" },
    "from-gaad": { type: "string" },
    account: { type: "string" },
    help: { type: "boolean", short: "h" },
  }, INIT_HELP, io);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length > 1) return usage(io, `init takes one DIR, got ${positionals.length}`, "name the folder to write into");
  const given = (Object.keys(SOURCES) as (keyof typeof SOURCES)[]).filter((k) => values[k] !== undefined);
  if (given.length > 1) return usage(io, `give one of --${given.join(", --")}`, "an environment imports from one source here; add more under import: later");
  if (values.account !== undefined && !/^\d{12}$/.test(values.account)) return usage(io, `--account must be a 12-digit account id, got "${values.account}"`, "e.g. --account 111122223333");

  const dir = resolve(io.cwd, positionals[0] ?? ".");
  const envFile = join(dir, "environment.yaml");
  const specFile = join(dir, "starter.iamspec.yaml");
  const rel = (f: string) => relative(io.cwd, f).split(sep).join("/") || ".";
  const existing = [envFile, specFile].filter((f) => existsSync(f));
  if (existing.length > 0) return usage(io, `${existing.map(rel).join(" and ")} already ${existing.length > 1 ? "exist" : "exists"}; init never overwrites a file`, "choose another DIR, or move the file away");

  const source = given[0];
  let input: string | undefined;
  let account = values.account;
  if (source) {
    input = resolve(io.cwd, values[source] as string);
    let text: string;
    try {
      text = readFileSync(input, "utf8");
    } catch {
      return usage(io, `--${source} ${values[source]}: cannot read the file`, "name the exported JSON (or YAML) file");
    }
    account ??= accountNamedIn(text);
  }
  const placeholder = account === undefined;
  account ??= PLACEHOLDER_ACCOUNT;

  const fromDir = (f: string) => {
    const r = relative(dir, f).split(sep).join("/");
    return r.startsWith(".") ? r : `./${r}`;
  };
  const schema = (name: string) => `# yaml-language-server: $schema=${fromDir(schemaPath(dir, io.cwd, name))}`;
  const envText = source
    ? [
        schema("environment.schema.json"),
        `# Written by iam-spec init from ${rel(input as string)}. Add accounts, an organization (SCPs, RCPs) or more imports here;`,
        "# see docs/spec-reference.md in the iam-spec package.",
        "import:",
        `  - ${SOURCES[source]}: ${JSON.stringify(fromDir(input as string))}`,
        `    account: "${account}"${placeholder ? "   # the account it deploys into: change it" : ""}`,
        "",
      ].join("\n")
    : sampleEnvironment(schema("environment.schema.json"));

  // Read from the text about to be written, as if it were at its place: nothing is written for invalid input.
  const { environmentFromText } = await import("../load/environment-at.js");
  const at = await environmentFromText(envText, envFile);
  if (!at.ok) {
    for (const e of at.errors) io.stderr(`${rel(e.file)}:${e.line}:${e.column}: ${e.message}${e.hint ? ` (${e.hint})` : ""}\n`);
    io.stderr(`iam-spec init: the input is invalid; nothing was written\n`);
    return 2;
  }
  const { starterExpectations } = await import("../init/starter.js");
  const starter = starterExpectations(at.value, io.cwd);
  if (starter.expectations.length === 0) {
    io.stderr(`iam-spec init: ${rel(envFile)} holds no role or user with a policy to start from; the starter spec was not written\n`);
    return 2;
  }
  const { stringify } = await import("yaml");
  const specText = [
    schema("spec.schema.json"),
    `# Written by iam-spec init: each expectation below holds on ${rel(envFile)} (checked when written).`,
    "# may: sampled from the Allow statements of each principal's policies; mayNot: guardrails that hold.",
    `# Run: npx iam-spec test ${rel(dir)}`,
    ...(starter.principals < starter.total ? [`# (the first ${starter.principals} of ${starter.total} roles and users)`] : []),
    stringify({ name: "Starter expectations", environment: "./environment.yaml", expect: starter.expectations }, { lineWidth: 0 }),
  ].join("\n");
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(envFile, envText, { flag: "wx" });
    writeFileSync(specFile, specText, { flag: "wx" });
  } catch (err) {
    return usage(io, `cannot write into ${rel(dir)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, "name a folder you can write to (it is created when missing)");
  }
  io.stdout(`wrote ${rel(envFile)}\nwrote ${rel(specFile)} (${starter.expectations.length} expectations, all holding)\nrun: npx iam-spec test ${rel(dir)}\n`);
  if (placeholder && source) io.stderr(`iam-spec init: the input names no account; ${rel(envFile)} uses ${PLACEHOLDER_ACCOUNT}: change it (or pass --account)\n`);
  return 0;
}

/** The first account id an IAM ARN of the input names (a GAAD export's roles and users carry theirs). */
function accountNamedIn(text: string): string | undefined {
  return /arn:aws[\w-]*:iam::(\d{12}):(?:role|user|group|policy)\//.exec(text)?.[1];
}

/** node_modules/iam-spec/specs/NAME of the nearest project above DIR that has iam-spec installed, else of the working directory. */
function schemaPath(dir: string, cwd: string, name: string): string {
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, "node_modules", "iam-spec", "specs", name);
    if (existsSync(candidate)) return candidate;
    if (dirname(d) === d) break;
  }
  return join(cwd, "node_modules", "iam-spec", "specs", name);
}

function sampleEnvironment(modeline: string): string {
  return `${modeline}
# Written by iam-spec init: a sample environment to edit (docs/spec-reference.md in the iam-spec package).
accounts:
  "111122223333":
    name: prod
    roles:
      deploy:
        # Who may assume the role: here, GitHub Actions of one repository (through the account's OIDC provider).
        trust:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Principal: { Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com }
              Action: sts:AssumeRoleWithWebIdentity
              Condition:
                StringEquals: { "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" }
        policies:
          - Version: "2012-10-17"
            Statement:
              - Sid: UploadBuilds
                Effect: Allow
                Action: [s3:PutObject, s3:GetObject]
                Resource: arn:aws:s3:::acme-artifacts/builds/*
    resources:
      "arn:aws:s3:::acme-artifacts": {}
`;
}

function usage(io: CliIO, message: string, hint: string): number {
  return commandUsage(io, "init", message, hint);
}
