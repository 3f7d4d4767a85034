/**
 * iam:CreateLoginProfile (a user without a console password) or iam:UpdateLoginProfile (one with a
 * password): the caller sets the password and signs in to the console as that user
 * (IAM/latest/APIReference/API_CreateLoginProfile.html, API_UpdateLoginProfile.html). The environment
 * does not record which users have a password, so both are tried.
 */
import { credentialChecker } from "./user-credentials.js";

export const loginProfile = credentialChecker("login-profile", ["iam:CreateLoginProfile", "iam:UpdateLoginProfile"]);
