/**
 * The Resource entries of an S3 bucket policy that name another bucket. S3 refuses such a policy:
 * PutBucketPolicy answers `MalformedPolicy: Policy has invalid resource` when a statement's Resource is
 * neither the bucket nor its objects (AmazonS3/latest/API/API_PutBucketPolicy.html; the bucket policy
 * examples, AmazonS3/latest/userguide/example-bucket-policies.html, name only `arn:aws:s3:::BUCKET`
 * and `arn:aws:s3:::BUCKET/...`). Held as written, the policy would grant nothing on the bucket it is
 * keyed by, and a mayNot there would pass on a policy AWS never stored.
 *
 * Only a bucket name written out in full is judged: a pattern (`acme-*`) or a policy variable in it
 * may name this bucket.
 */
export interface ForeignResource {
  /** Path of the entry in the document: ["Statement", 0, "Resource", 1]. */
  readonly path: readonly (string | number)[];
  readonly resource: string;
  /** The bucket it names. */
  readonly bucket: string;
}

export function foreignBucketResources(doc: unknown, bucketArn: string): ForeignResource[] {
  const own = /^arn:[^:]+:s3:::([^/]+)$/.exec(bucketArn)?.[1];
  if (own === undefined || typeof doc !== "object" || doc === null) return [];
  const statement = (doc as { Statement?: unknown }).Statement;
  const statements = Array.isArray(statement) ? statement.map((s, i) => [s, ["Statement", i]] as const) : [[statement, ["Statement"]] as const];
  const out: ForeignResource[] = [];
  for (const [st, at] of statements) {
    if (typeof st !== "object" || st === null) continue;
    const resource = (st as { Resource?: unknown }).Resource;
    const entries = Array.isArray(resource) ? resource.map((r, i) => [r, [...at, "Resource", i]] as const) : [[resource, [...at, "Resource"]] as const];
    for (const [r, path] of entries) {
      if (typeof r !== "string") continue;
      const bucket = /^arn:[^:]+:s3:::([^/]*)/.exec(r)?.[1];
      if (bucket === undefined || bucket === own || /[*?$]/.test(bucket)) continue;
      out.push({ path, resource: r, bucket });
    }
  }
  return out;
}
