/**
 * New user data on an EC2 instance that runs with an instance profile: the caller stops the instance,
 * replaces its `userData` attribute with ec2:ModifyInstanceAttribute (some attributes, user data among
 * them, can be changed only while the instance is stopped: AWSEC2/latest/APIReference/API_ModifyInstanceAttribute.html,
 * AWSEC2/latest/UserGuide/instancedata-add-user-data.html), and starts it again; the script runs on the
 * instance, where the role's credentials are (AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html).
 * Updated user data is not run on a restart by default, but the user data itself can ask to be run on
 * every start (AWSEC2/latest/UserGuide/instancedata-add-user-data.html: "you can configure settings so
 * that updated user data scripts are run one time when you start the instance or every time"), so the
 * caller who writes it decides. An instance that is already stopped needs no ec2:StopInstances. No
 * iam:PassRole: the instance profile stays. All three calls are authorized on the instance (service
 * authorization reference for Amazon EC2, the `instance` resource type).
 *
 * The condition keys of the change (AWSEC2/latest/UserGuide/iam-policies-for-amazon-ec2.html, "ec2:Attribute
 * condition key"): `ec2:Attribute` carries the request's primitive Attribute property and
 * `ec2:Attribute/${AttributeName}` the value of an attribute object that holds only a Value. A call
 * changes one attribute (API_ModifyInstanceAttribute.html: "You can specify only one attribute at a
 * time"), and the caller picks how to name it, so the change is tried in both of the API's forms:
 * `Attribute=userData` with the script as `Value` (`ec2:Attribute` = `userData`, `ec2:Attribute/Value`
 * the script), and the `UserData` parameter (`ec2:Attribute` absent, `ec2:Attribute/UserData` the
 * script). The other attributes' keys are absent in both. The script is the caller's to write: a
 * sample script (base64, as the API takes it) stands for it, so a policy that tells scripts apart by
 * their text is outside the model (docs/escalation.md).
 */
import { RUNS_AS_KINDS } from "../../model/runs-as-kinds.js";
import type { ContextValue } from "../../types.js";
import { conditionKeysOf } from "../step.js";
import { runsAsChecker, same, type RunsAsCall } from "./runs-as.js";

/** The attributes ModifyInstanceAttribute takes besides user data (API_ModifyInstanceAttribute.html). */
const OTHER_ATTRIBUTES = new Set(
  ["InstanceType", "Kernel", "Ramdisk", "DisableApiTermination", "DisableApiStop", "InstanceInitiatedShutdownBehavior", "SourceDestCheck", "EbsOptimized", "SriovNetSupport", "EnaSupport", "Groups", "BlockDeviceMappings"].map((a) => `ec2:attribute/${a.toLowerCase()}`),
);

/** The two request forms of a user-data change: `Attribute=userData` with a Value, or the UserData parameter. */
const SCRIPT = "IyEvYmluL3NoCg=="; // "#!/bin/sh\n"
const FORMS: Readonly<Record<string, ContextValue>>[] = [
  { "ec2:Attribute": "userData", "ec2:Attribute/Value": SCRIPT, "ec2:Attribute/UserData": null },
  { "ec2:Attribute": null, "ec2:Attribute/Value": null, "ec2:Attribute/UserData": SCRIPT },
];

/**
 * A form's keys, with the other attributes' keys that the caller's policies read pinned absent (a
 * key no policy reads changes nothing; leaving it out keeps the reported request short).
 */
function formKeys(form: Readonly<Record<string, ContextValue>>, documents: readonly unknown[]): Readonly<Record<string, ContextValue>> {
  const out: Record<string, ContextValue> = {};
  for (const key of conditionKeysOf(documents)) if (OTHER_ATTRIBUTES.has(key)) out[key] = null;
  return { ...out, ...form };
}

const modify = (form: Readonly<Record<string, ContextValue>>): RunsAsCall => ({ action: "ec2:ModifyInstanceAttribute", resource: same, pinned: (_arn, _name, on) => formKeys(form, on.documents) });
const stop: RunsAsCall = { action: "ec2:StopInstances", resource: same };
const start: RunsAsCall = { action: "ec2:StartInstances", resource: same };

export const ec2UserData = runsAsChecker("ec2-user-data", {
  kind: RUNS_AS_KINDS.instance,
  variants: [
    ...FORMS.map((form) => [stop, modify(form), start]),
    // The environment does not record whether the instance runs: one that is already stopped needs
    // no ec2:StopInstances (docs/escalation.md, what the methods take as possible).
    ...FORMS.map((form) => [modify(form), start]),
  ],
});
