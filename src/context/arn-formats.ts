/**
 * Which ARNs an action can be requested on: the ARN formats of its resource types in the bundled
 * service reference (data/actions.json), placeholders matched as AWS names them.
 */
import { lookupAction } from "../data/actions.js";

/** Matchers for the ARN formats an action takes; undefined when the action takes only `*` or is unknown. */
export function arnFormatMatcher(action: string): ((arn: string) => boolean) | undefined {
  const info = lookupAction(action);
  if (!info) return () => true;
  const formats = info.resourceTypes.flatMap((t) => t.arnFormats);
  if (formats.length === 0) return undefined;
  const regexes = formats.map((f) => {
    const parts = f.split(/(\$\{[^}]*\})/);
    const src = parts
      .map((p) => {
        const m = /^\$\{([^}]*)\}$/.exec(p);
        if (!m) return p.replace(/[\\^$.|+()[\]{}*?/]/g, "\\$&");
        // Object keys and names "with path" may hold slashes; other names are one path segment.
        return /object|path|key$|prefix/i.test(m[1] ?? "") && !/keyid|keypair/i.test(m[1] ?? "") ? ".+" : "[^/:]+";
      })
      .join("");
    return new RegExp(`^${src}$`, "i");
  });
  return (arn) => regexes.some((r) => r.test(arn));
}
