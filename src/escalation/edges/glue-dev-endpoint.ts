/**
 * glue:UpdateDevEndpoint on an existing development endpoint, adding the caller's SSH public key
 * (glue/latest/webapi/API_UpdateDevEndpoint.html: PublicKey, AddPublicKeys): the caller then logs in
 * over SSH to the endpoint, which runs with its role (glue/latest/dg/dev-endpoints.html: "You can add,
 * delete, or rotate the SSH key of a development endpoint"; the endpoint uses an IAM role like a
 * Glue ETL job's). The service authorization reference lists no condition key of the action's own.
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import { runsAsChecker, same } from "./runs-as.js";

export const glueDevEndpoint = runsAsChecker("glue-dev-endpoint", {
  kind: RUNS_AS_KINDS.devEndpoint,
  variants: [[{ action: "glue:UpdateDevEndpoint", resource: same }]],
});
