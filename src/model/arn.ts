/** ARN helpers for the model (ARN format: IAM/latest/UserGuide/reference-arns.html). */

export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function splitArn(arn: string): ArnParts | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  return { partition, service, region, account, resource: parts.slice(5).join(":") };
}

/** "/" or "/a/b/" -> "" or "a/b/": the part of an IAM ARN between the resource type and the name. */
export function pathSegment(path: string): string {
  return path === "/" ? "" : path.slice(1);
}

export function iamArn(accountId: string, type: "user" | "role" | "group" | "policy", path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${type}/${pathSegment(path)}${name}`;
}

/** The session ARN of a role: arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION (no path). */
export function sessionArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

/** "team/Deploy" -> { path: "/team/", name: "Deploy" }. */
export function splitPathName(text: string): { path: string; name: string } {
  const i = text.lastIndexOf("/");
  return i < 0 ? { path: "/", name: text } : { path: `/${text.slice(0, i + 1)}`.replace(/^\/+/, "/"), name: text.slice(i + 1) };
}
