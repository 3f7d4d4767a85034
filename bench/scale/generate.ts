/**
 * Generates the synthetic organization of `npm run bench:scale`: ACCOUNTS member accounts in OUs
 * (each OU with its own region-lock SCP, the root with a deny-leave-organization SCP), ROLES roles per
 * account (ReadOnlyAccess, the account's customer managed policy shared by its roles, and an inline
 * policy per role; trust policies in one file per account), one S3 bucket per account, and EXPECTATIONS expectations over SPECS spec files that
 * all point at the one environment file. Half are `may` (s3 on the account's own bucket), half
 * `mayNot` over three actions (IAM changes and leaving the organization, or writing to the bucket of
 * another account); every expectation holds by construction.
 *
 * The output is a plain folder, so the same suite can be run through the CLI by hand:
 *   npx tsx bench/scale/generate.ts --accounts 100 --expectations 1000 --out /tmp/org
 *   node dist/src/cli/main.js test /tmp/org/specs --workers 2
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Document, stringify, visit } from "yaml";

export interface ScaleOptions {
  accounts: number;
  rolesPerAccount: number;
  expectations: number;
  specFiles: number;
  /** Accounts per OU. */
  ouSize: number;
}

export const FULL_SIZE: ScaleOptions = { accounts: 1000, rolesPerAccount: 10, expectations: 10_000, specFiles: 20, ouSize: 50 };

export const accountId = (i: number) => String(100000000000 + i * 7919).padStart(12, "0");

const REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"];

/** Writes the suite under `dir` (env.yaml, scps/, specs/) and returns the spec folder. */
export function generateOrg(dir: string, o: ScaleOptions): { specs: string; envBytes: number } {
  mkdirSync(join(dir, "scps"), { recursive: true });
  mkdirSync(join(dir, "specs"), { recursive: true });
  mkdirSync(join(dir, "trust"), { recursive: true });
  writeFileSync(join(dir, "scps", "deny-leave.json"), JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "DenyLeave", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }],
  }, null, 2));

  const accounts: Record<string, unknown> = {};
  const ous: Record<string, unknown> = {};
  const ouCount = Math.ceil(o.accounts / o.ouSize);
  for (let u = 0; u < ouCount; u++) {
    const region = REGIONS[u % REGIONS.length]!;
    const scp = `./scps/region-lock-${region}.json`;
    writeFileSync(join(dir, scp), JSON.stringify({
      Version: "2012-10-17",
      Statement: [{
        Sid: "RegionLock", Effect: "Deny",
        NotAction: ["iam:*", "organizations:*", "sts:*", "s3:*", "cloudfront:*", "support:*"],
        Resource: "*",
        Condition: { StringNotEquals: { "aws:RequestedRegion": [region] } },
      }],
    }, null, 2));
    ous[`team-${u}`] = { id: `ou-a1b2-${String(u).padStart(8, "0")}`, scps: ["FullAWSAccess", scp], accounts: [] as string[] };
  }
  for (let a = 0; a < o.accounts; a++) {
    const id = accountId(a);
    const ou = ous[`team-${Math.floor(a / o.ouSize)}`] as { accounts: string[] };
    ou.accounts.push(id);
    const bucket = `arn:aws:s3:::org-data-${id}`;
    writeFileSync(join(dir, "trust", `${id}.json`), JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: "sts:AssumeRole" }],
    }));
    const roles: Record<string, unknown> = {};
    for (let r = 0; r < o.rolesPerAccount; r++) {
      roles[`app-${r}`] = {
        trust: `./trust/${id}.json`,
        policies: [
          "arn:aws:iam::aws:policy/ReadOnlyAccess",
          `arn:aws:iam::${id}:policy/AppData`,
          {
            Version: "2012-10-17",
            Statement: [
              { Sid: "OwnPrefix", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: `${bucket}/app-${r}/*` },
            ],
          },
        ],
        tags: { app: `app-${r}` },
      };
    }
    accounts[id] = {
      name: `member-${a}`,
      roles,
      policies: {
        AppData: {
          Version: "2012-10-17",
          Statement: [
            { Sid: "ReadData", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [bucket, `${bucket}/*`] },
            { Sid: "NoIam", Effect: "Deny", Action: ["iam:Create*", "iam:Put*", "iam:Attach*"], Resource: "*" },
          ],
        },
      },
      resources: {
        [bucket]: {
          policy: {
            Version: "2012-10-17",
            Statement: [{
              Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket, `${bucket}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            }],
          },
        },
      },
    };
  }
  const env = {
    accounts,
    organization: {
      id: "o-a1b2c3d4e5",
      root: { scps: ["FullAWSAccess", "./scps/deny-leave.json"], ous },
    },
  };
  // Policy documents and tags in flow style (inline JSON), as they are often pasted: about 4 MB of YAML
  // for 1,000 accounts.
  const doc = new Document(env);
  visit(doc, {
    Map(_, node) {
      if (node.has("Statement") || node.has("app")) node.flow = true;
    },
  });
  const envText = `# Generated by bench/scale/generate.ts\n${doc.toString({ lineWidth: 0 })}`;
  writeFileSync(join(dir, "env.yaml"), envText);

  const perFile = Math.ceil(o.expectations / o.specFiles);
  for (let f = 0; f < o.specFiles; f++) {
    const expect: unknown[] = [];
    for (let i = f * perFile; i < Math.min(o.expectations, (f + 1) * perFile); i++) {
      const a = (i * 37) % o.accounts;
      const id = accountId(a);
      const other = accountId((a + 1) % o.accounts);
      const r = i % o.rolesPerAccount;
      const as = `arn:aws:iam::${id}:role/app-${r}`;
      // Numbered: with few accounts the same role and check recur, and a file's names must differ.
      if (i % 2 === 0) {
        expect.push({
          it: `app-${r} of ${id} reads its data and writes its prefix (#${i})`,
          as,
          may: ["s3:GetObject", "s3:PutObject"],
          on: `arn:aws:s3:::org-data-${id}/app-${r}/report.csv`,
          when: { "aws:SecureTransport": true },
        });
      } else if (i % 4 === 1) {
        expect.push({
          it: `app-${r} of ${id} cannot create users, attach policies or leave the org (#${i})`,
          as,
          mayNot: ["iam:CreateUser", "iam:AttachRolePolicy", "organizations:LeaveOrganization"],
        });
      } else {
        expect.push({
          it: `app-${r} of ${id} cannot write or delete the data of account ${other} (#${i})`,
          as,
          mayNot: ["s3:PutObject", "s3:DeleteObject", "s3:PutBucketPolicy"],
          on: [`arn:aws:s3:::org-data-${other}`, `arn:aws:s3:::org-data-${other}/*`],
        });
      }
    }
    const spec = { name: `org slice ${f + 1}`, environment: "../env.yaml", expect };
    writeFileSync(join(dir, "specs", `slice-${String(f + 1).padStart(2, "0")}.iamspec.yaml`), stringify(spec, { lineWidth: 0 }));
  }
  return { specs: join(dir, "specs"), envBytes: Buffer.byteLength(envText) };
}

const arg = (name: string): number | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
};

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  const outIdx = process.argv.indexOf("--out");
  const out = outIdx >= 0 ? process.argv[outIdx + 1]! : "bench/scale/out";
  const o: ScaleOptions = {
    ...FULL_SIZE,
    ...(arg("accounts") !== undefined ? { accounts: arg("accounts")! } : {}),
    ...(arg("expectations") !== undefined ? { expectations: arg("expectations")! } : {}),
    ...(arg("specs") !== undefined ? { specFiles: arg("specs")! } : {}),
  };
  const { envBytes } = generateOrg(out, o);
  console.log(`${out}: ${o.accounts} accounts, ${o.expectations} expectations in ${o.specFiles} spec files, env.yaml ${(envBytes / 1e6).toFixed(1)} MB`);
}
