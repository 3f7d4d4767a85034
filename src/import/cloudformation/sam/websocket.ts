/**
 * AWS::Serverless::WebSocketApi, as far as it bears on IAM: what aws-sam-translator 1.110.0 generates
 * (model/api/websocket_api_generator.py):
 *   - the API (`AWS::ApiGatewayV2::Api`, what `Ref` and `Fn::GetAtt ApiId` give);
 *   - for each route of Routes, the permission `<Api><Route>Permission`: apigateway.amazonaws.com may
 *     invoke its FunctionArn with aws:SourceArn `arn:...:execute-api:REGION:ACCOUNT:API/STAGE/ROUTEKEY`
 *     (STAGE: StageName, default `default`; Route: `$connect` -> Connect, `sendmessage` -> Sendmessage);
 *   - with Auth { AuthType: CUSTOM, AuthArn } and no InvokeRole, the permission `<Api>AuthorizerPermission`
 *     for `API/authorizers/*`.
 * What SAM refuses there is an error at its place.
 */
import { inputError } from "../../../load/errors.js";
import { entriesOf, get, str } from "../../lnode.js";
import { keep, ref, sub, type Tree } from "./tree.js";
import type { Expander } from "./transform.js";

const SPECIAL = ["$connect", "$disconnect", "$default"];

/** websocket_api_generator.py _sanitize_route_key: Python's str.capitalize of the key. */
function routeId(key: string): string | undefined {
  const k = SPECIAL.includes(key) ? key.slice(1) : /^[A-Za-z0-9]+$/.test(key) ? key : undefined;
  return k === undefined ? undefined : k.charAt(0).toUpperCase() + k.slice(1).toLowerCase();
}

export const webSocketApi: Expander = (x, r) => {
  const p = (k: string) => get(r.props, k);
  x.resource(r.id, "AWS::ApiGatewayV2::Api", { Name: p("Name") ? keep(p("Name")!) : r.id }, r.pos, r.condition);
  const routes = entriesOf(p("Routes"));
  if (routes.length === 0) {
    x.errors.push(inputError("schema", p("Routes")?.pos ?? r.pos, `${r.id}: WebSocket API must have at least one route (Routes).`, "add Routes: { $connect: { FunctionArn: !GetAtt Function.Arn } }"));
  }
  const stage = p("StageName");
  const stageText = stage === undefined ? "default" : str(stage);
  for (const route of routes) {
    const id = routeId(route.key);
    const fn = get(route.value, "FunctionArn");
    if (id === undefined) {
      x.errors.push(inputError("schema", route.keyPos, `${r.id}: Route key '${route.key}' must be alphanumeric. Only $connect, $disconnect, and $default special routes are supported.`, "rename the route (SAM refuses the template)"));
      continue;
    }
    if (!fn) {
      x.errors.push(inputError("schema", route.keyPos, `${r.id}: Route ${route.key} must have associated function (FunctionArn)`, "give the route FunctionArn: !GetAtt Function.Arn"));
      continue;
    }
    const text = `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${r.id}.ApiId}/`;
    const sourceArn: Tree = stageText !== undefined ? sub(`${text}${stageText}/${route.key}`) : sub(`${text}\${__StageName__}/${route.key}`, { __StageName__: keep(stage!) });
    x.resource(`${r.id}${id}Permission`, "AWS::Lambda::Permission", { Action: "lambda:InvokeFunction", FunctionName: keep(fn), Principal: "apigateway.amazonaws.com", SourceArn: sourceArn }, route.keyPos, r.condition);
  }
  const auth = p("Auth");
  if (!auth) return;
  const type = str(get(auth, "AuthType"))?.toUpperCase();
  if (!type || !["AWS_IAM", "CUSTOM", "NONE"].includes(type)) {
    x.errors.push(inputError("schema", get(auth, "AuthType")?.pos ?? auth.pos, `${r.id}: AuthType is not one of AWS_IAM, CUSTOM or NONE.`));
    return;
  }
  const arn = get(auth, "AuthArn");
  if (type === "CUSTOM" && !arn) {
    x.errors.push(inputError("schema", auth.pos, `${r.id}: AuthArn must be specified if AuthType is CUSTOM.`, "name the authorizer function: AuthArn: !GetAtt AuthFunction.Arn"));
    return;
  }
  if (type !== "CUSTOM" && entriesOf(auth).length > 1) {
    x.errors.push(inputError("schema", auth.pos, `${r.id}: No additional configurations supported for AuthType ${type}.`));
    return;
  }
  if (!routes.some((e) => e.key === "$connect")) {
    x.errors.push(inputError("schema", auth.pos, `${r.id}: Authorization is only available if there is a $connect route.`));
    return;
  }
  if (type !== "CUSTOM" || get(auth, "InvokeRole")) return;
  x.resource(`${r.id}AuthorizerPermission`, "AWS::Lambda::Permission", {
    Action: "lambda:InvokeFunction",
    FunctionName: keep(arn!),
    Principal: "apigateway.amazonaws.com",
    SourceArn: sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*", { __ApiId__: ref(r.id) }),
  }, arn!.pos, r.condition);
};
