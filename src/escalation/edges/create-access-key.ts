/**
 * iam:CreateAccessKey on another user: the caller gets long-term credentials of that user
 * (IAM/latest/APIReference/API_CreateAccessKey.html).
 */
import { credentialChecker } from "./user-credentials.js";

export const createAccessKey = credentialChecker("create-access-key", ["iam:CreateAccessKey"]);
