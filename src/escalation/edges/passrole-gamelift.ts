/**
 * iam:PassRole + an Amazon GameLift Servers fleet: the caller uploads a game server build of its own
 * (gamelift:CreateBuild, then gamelift:RequestUploadCredentials on the build for the upload) and
 * creates a fleet that runs it with the role as its instance role (gamelift:CreateFleet,
 * InstanceRoleArn; with InstanceRoleCredentialsProvider SHARED_CREDENTIAL_FILE the fleet "generate[s]
 * a shared credentials file for the IAM role ... stored on each fleet instance" for "applications that
 * are deployed along with the game server executable": gameliftservers/latest/apireference/API_CreateFleet.html,
 * gameliftservers/latest/developerguide/gamelift-sdk-server-resources.html, whose role trusts
 * gamelift.amazonaws.com). CreateBuild and CreateFleet take no resource type; RequestUploadCredentials
 * is authorized on the build. pathfinding.cloud gamelift-001.
 */
import { launchChecker } from "./service-launch.js";

export const passRoleGameLift = launchChecker("passrole-gamelift", {
  service: "gamelift.amazonaws.com",
  variants: [[
    { action: "gamelift:CreateBuild" },
    { action: "gamelift:RequestUploadCredentials" },
    { action: "gamelift:CreateFleet" },
  ]],
});
