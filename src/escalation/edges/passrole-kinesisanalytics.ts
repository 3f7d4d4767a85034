/**
 * iam:PassRole + Amazon Managed Service for Apache Flink (the kinesisanalytics prefix of Kinesis Data
 * Analytics V2): kinesisanalytics:CreateApplication takes the application's code (a JAR of the
 * caller's: ApplicationCodeConfiguration) and its ServiceExecutionRole, "The IAM role used by the
 * application to access Kinesis data streams, Kinesis Data Firehose delivery streams, Amazon S3
 * objects, and other external resources" (managed-flink/latest/apiv2/API_CreateApplication.html);
 * kinesisanalytics:StartApplication on the application runs it
 * (managed-flink/latest/java/security_iam_service-with-iam.html; the role trusts
 * kinesisanalytics.amazonaws.com). CreateApplication takes no resource type. pathfinding.cloud
 * kinesisanalytics-001.
 */
import { launchChecker } from "./service-launch.js";

export const passRoleKinesisAnalytics = launchChecker("passrole-kinesisanalytics", {
  service: "kinesisanalytics.amazonaws.com",
  variants: [[{ action: "kinesisanalytics:CreateApplication" }, { action: "kinesisanalytics:StartApplication" }]],
});
