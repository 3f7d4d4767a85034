import { describe, expect, it } from "vitest";
// Imported first and alone in this file (vitest isolates files), so the counter starts at zero.
import { dataFileReads } from "../../src/data/load.js";
import * as actions from "../../src/data/actions.js";
import * as managed from "../../src/data/managed-policies.js";

describe("bundled data is loaded lazily", () => {
  it("importing the data modules reads no file", () => {
    expect(typeof actions.lookupAction).toBe("function");
    expect(typeof managed.getManagedPolicy).toBe("function");
    expect(managed.isManagedPolicyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")).toBe(true);
    expect(dataFileReads()).toBe(0);
  });

  it("reads the action index once, on first use, then serves from cache", () => {
    expect(actions.lookupAction("s3:GetObject")).toBeDefined();
    expect(dataFileReads()).toBe(1);
    actions.expandActionPattern("iam:*");
    actions.closestActions("s3:GetObjekt");
    actions.conditionKeyType("aws:SourceIp");
    actions.serviceConditionKeys("s3");
    expect(dataFileReads()).toBe(1);
  });

  it("reads the managed policies once, on first use", () => {
    expect(managed.getManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess")).toBeDefined();
    expect(dataFileReads()).toBe(2);
    managed.getManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess");
    managed.managedPolicyArns();
    managed.closestManagedPolicies("ReadOnlyAcess");
    expect(dataFileReads()).toBe(2);
  });
});
