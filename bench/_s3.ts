import { runSimulation } from "@cloud-copilot/iam-simulate";
const H = "111122223333", V = "2012-10-17";
const sess = `arn:aws:sts::${H}:assumed-role/deploy/s1`;
for (const [action, res] of [["s3:GetBucketPolicy", "arn:aws:s3:::acme-artifacts"], ["s3:GetObject", "arn:aws:s3:::acme-artifacts/x"], ["s3:GetObject", "arn:aws:s3:::other/x"], ["sqs:SendMessage", `arn:aws:sqs:us-east-1:${H}:jobs`]])
for (const nr of ["arn:aws:s3:::acme-artifacts/home/${aws:username}/*", "arn:aws:s3:::zzz/${aws:username}/*"]) {
  const s = await runSimulation({ request: { principal: sess, action: action!, resource: { resource: res!, accountId: H }, contextVariables: { "aws:PrincipalArn": `arn:aws:iam::${H}:role/deploy` } },
    identityPolicies: [{ name: "i", policy: { Version: V, Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "*", NotResource: nr }] } }], serviceControlPolicies: [], resourceControlPolicies: [] }, {});
  console.log(action, res, nr, s.resultType === "error" ? s.errors : s.overallResult);
}
