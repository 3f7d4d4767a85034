import yaml, os, json, shutil
A="111122223333"; B="444455556666"; ORG="o-a1b2c3d4e5"
def pol(*stmts): return {"Version":"2012-10-17","Statement":list(stmts)}
def allow(action, resource="*", **kw):
    s={"Effect":"Allow","Action":action,"Resource":resource}; s.update(kw); return s
def deny(action, resource="*", **kw):
    s={"Effect":"Deny","Action":action,"Resource":resource}; s.update(kw); return s
def trust_service(svc): return pol({"Effect":"Allow","Principal":{"Service":svc},"Action":"sts:AssumeRole"})
def trust_aws(p, **kw):
    s={"Effect":"Allow","Principal":{"AWS":p},"Action":"sts:AssumeRole"}; s.update(kw); return pol(s)
ADMIN="arn:aws:iam::aws:policy/AdministratorAccess"
def admin_role(trust): return {"trust":trust,"policies":[ADMIN]}
def env(users=None, roles=None, groups=None, policies=None, account=A, extra_accounts=None, org=None):
    acct={}
    if users: acct["users"]=users
    if groups: acct["groups"]=groups
    if roles: acct["roles"]=roles
    if policies: acct["policies"]=policies
    e={"accounts":{account:acct}}
    if extra_accounts: e["accounts"].update(extra_accounts)
    if org: e["organization"]=org
    return e
def org_with_scps(scps, accounts=(A,)):
    return {"id":ORG,"management":"999999999999","root":{"scps":["FullAWSAccess"],"ous":{"Workloads":{"scps":["FullAWSAccess"]+scps,"accounts":list(accounts)}}}}
def spec_admin(as_="user/dev", it=None, extra=None):
    e={"it": it or f"{as_ if isinstance(as_,str) else json.dumps(as_)} never becomes admin","as":as_,"mayNotBecome":"admin"}
    if extra: e.update(extra)
    return e

S={}
def scen(name, method, doc, spec_items, buggy, fixed, fix_kind):
    S[name]=dict(method=method, doc=doc, spec=spec_items, buggy=buggy, fixed=fixed, fix=fix_kind)

def passrole_scen(name, svc, actions, method_action, doc, fixed_variant):
    role={"trust":trust_service(svc),"policies":[ADMIN]}
    buggy_dev={"policies":[pol(allow(["iam:PassRole"]+actions))]}
    if fixed_variant=="passrole-scope":
        fixed_dev={"policies":[pol(allow("iam:PassRole", f"arn:aws:iam::{A}:role/app-*"), allow(actions))]}
        fixed_kind="PassRole limited to other roles"
    elif fixed_variant=="passed-to-service":
        fixed_dev={"policies":[pol(allow("iam:PassRole", "*", Condition={"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}), allow(actions))]}
        fixed_kind="iam:PassedToService names another service"
    elif fixed_variant=="missing-trigger":
        fixed_dev={"policies":[pol(allow(["iam:PassRole"]+actions[:-1]))]}
        fixed_kind=f"{actions[-1]} not allowed"
    elif fixed_variant=="scp":
        fixed_dev=buggy_dev
        fixed_kind="SCP denies passing the admin role"
    elif fixed_variant=="deny":
        fixed_dev={"policies":[pol(allow(["iam:PassRole"]+actions), deny(actions[-1]))]}
        fixed_kind=f"explicit deny of {actions[-1]}"
    scen(name, method_action, doc, [spec_admin()],
         env(users={"dev":buggy_dev}, roles={"admin":role, "app-reader":{"trust":trust_service(svc),"policies":[pol(allow("s3:GetObject"))]}}),
         env(users={"dev":fixed_dev}, roles={"admin":role, "app-reader":{"trust":trust_service(svc),"policies":[pol(allow("s3:GetObject"))]}},
             org=org_with_scps([pol(deny("iam:PassRole", f"arn:aws:iam::{A}:role/admin"))]) if fixed_variant=="scp" else None),
         fixed_kind)

# --- permission changes (Rhino methods 1, 7-13) ---
scen("create-policy-version","iam:CreatePolicyVersion","IAM/latest/APIReference/API_CreatePolicyVersion.html",
     [spec_admin()],
     env(users={"dev":{"policies":[f"arn:aws:iam::{A}:policy/DevPolicy"]}}, policies={"DevPolicy":pol(allow("s3:GetObject"), allow("iam:CreatePolicyVersion", f"arn:aws:iam::{A}:policy/*"))}),
     env(users={"dev":{"policies":[f"arn:aws:iam::{A}:policy/DevPolicy"]}}, policies={"DevPolicy":pol(allow("s3:GetObject"), allow("iam:CreatePolicyVersion", f"arn:aws:iam::{A}:policy/team/*"))}),
     "CreatePolicyVersion limited to policies the user does not have")
scen("attach-user-policy","iam:AttachUserPolicy","IAM/latest/APIReference/API_AttachUserPolicy.html",
     [spec_admin()],
     env(users={"dev":{"policies":[pol(allow("iam:AttachUserPolicy", f"arn:aws:iam::{A}:user/${{aws:username}}"))]}}),
     env(users={"dev":{"policies":[pol(allow("iam:AttachUserPolicy", f"arn:aws:iam::{A}:user/${{aws:username}}", Condition={"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}))]}}),
     "iam:PolicyARN condition")
scen("attach-role-policy","iam:AttachRolePolicy","IAM/latest/APIReference/API_AttachRolePolicy.html",
     [spec_admin("role/ci")],
     env(roles={"ci":{"trust":trust_service("codebuild.amazonaws.com"),"policies":[pol(allow(["s3:*","iam:AttachRolePolicy"], "*"))]}}),
     env(roles={"ci":{"trust":trust_service("codebuild.amazonaws.com"),"policies":[pol(allow(["s3:*","iam:AttachRolePolicy"], "*"))],"boundary":pol(allow("s3:*"))}}),
     "permissions boundary")
scen("attach-group-policy","iam:AttachGroupPolicy","IAM/latest/APIReference/API_AttachGroupPolicy.html",
     [spec_admin()],
     env(users={"dev":{"groups":["devs"]}}, groups={"devs":{"policies":[pol(allow("iam:AttachGroupPolicy", f"arn:aws:iam::{A}:group/devs"))]}}),
     env(users={"dev":{"groups":["devs"]}}, groups={"devs":{"policies":[pol(allow("iam:AttachGroupPolicy", f"arn:aws:iam::{A}:group/devs", Condition={"ArnLike":{"iam:PolicyARN":f"arn:aws:iam::{A}:policy/dev-*"}}))]}}),
     "iam:PolicyARN condition")
scen("put-user-policy","iam:PutUserPolicy","IAM/latest/APIReference/API_PutUserPolicy.html",
     [spec_admin()],
     env(users={"dev":{"policies":[pol(allow(["iam:PutUserPolicy","iam:GetUser"], f"arn:aws:iam::{A}:user/${{aws:username}}"))]}}, org=org_with_scps([])),
     env(users={"dev":{"policies":[pol(allow(["iam:PutUserPolicy","iam:GetUser"], f"arn:aws:iam::{A}:user/${{aws:username}}"))]}}, org=org_with_scps([pol(deny(["iam:PutUserPolicy","iam:PutRolePolicy","iam:PutGroupPolicy"]))])),
     "SCP")
BND=f"arn:aws:iam::{A}:policy/AppBoundary"
scen("put-role-policy","iam:PutRolePolicy","IAM/latest/APIReference/API_PutRolePolicy.html; IAM/latest/UserGuide/access_policies_boundaries.html",
     [spec_admin("role/app")],
     env(roles={"app":{"trust":trust_service("ecs-tasks.amazonaws.com"),"policies":[pol(allow(["s3:*","iam:PutRolePolicy"], "*"))]}}),
     env(roles={"app":{"trust":trust_service("ecs-tasks.amazonaws.com"),"policies":[pol(allow(["s3:*"], "*"), allow("iam:PutRolePolicy","*",Condition={"StringEquals":{"iam:PermissionsBoundary":BND}}))],"boundary":BND}},
         policies={"AppBoundary":pol(allow(["s3:*","iam:PutRolePolicy"]))}),
     "permissions boundary required by iam:PermissionsBoundary")
scen("put-group-policy","iam:PutGroupPolicy","IAM/latest/APIReference/API_PutGroupPolicy.html",
     [spec_admin()],
     env(users={"dev":{"groups":["devs"]}}, groups={"devs":{"policies":[pol(allow("iam:PutGroupPolicy", f"arn:aws:iam::{A}:group/*"))]},"ops":{"policies":[pol(allow("ec2:Describe*"))]}}),
     env(users={"dev":{"groups":["devs"]}}, groups={"devs":{"policies":[pol(allow("iam:PutGroupPolicy", f"arn:aws:iam::{A}:group/ops"))]},"ops":{"policies":[pol(allow("ec2:Describe*"))]}}),
     "PutGroupPolicy limited to a group the user is not in")
scen("add-user-to-group","iam:AddUserToGroup","IAM/latest/APIReference/API_AddUserToGroup.html",
     [spec_admin()],
     env(users={"dev":{"policies":[pol(allow("iam:AddUserToGroup", f"arn:aws:iam::{A}:group/*"))]}}, groups={"admins":{"policies":[ADMIN]},"readers":{"policies":["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}),
     env(users={"dev":{"policies":[pol(allow("iam:AddUserToGroup", f"arn:aws:iam::{A}:group/readers"))]}}, groups={"admins":{"policies":[ADMIN]},"readers":{"policies":["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}),
     "AddUserToGroup limited to the readers group")
scen("delete-role-boundary","iam:DeleteRolePermissionsBoundary","IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html",
     [spec_admin("role/app")],
     env(roles={"app":{"trust":trust_service("lambda.amazonaws.com"),"policies":[ADMIN],"boundary":f"arn:aws:iam::{A}:policy/Boundary"}}, policies={"Boundary":pol(allow(["s3:*","iam:DeleteRolePermissionsBoundary"]))}),
     env(roles={"app":{"trust":trust_service("lambda.amazonaws.com"),"policies":[ADMIN],"boundary":f"arn:aws:iam::{A}:policy/Boundary"}}, policies={"Boundary":pol(allow(["s3:*"]))}),
     "boundary does not allow removing itself")
# --- credentials (Rhino 4-6) ---
scen("create-access-key","iam:CreateAccessKey","IAM/latest/APIReference/API_CreateAccessKey.html",
     [spec_admin("user/helpdesk")],
     env(users={"helpdesk":{"policies":[pol(allow(["iam:CreateAccessKey","iam:ListAccessKeys"], f"arn:aws:iam::{A}:user/*"))]},"breakglass":{"policies":[ADMIN]}}),
     env(users={"helpdesk":{"policies":[pol(allow(["iam:CreateAccessKey","iam:ListAccessKeys"], f"arn:aws:iam::{A}:user/${{aws:username}}"))]},"breakglass":{"policies":[ADMIN]}}),
     "own access keys only")
scen("create-login-profile","iam:CreateLoginProfile","IAM/latest/APIReference/API_CreateLoginProfile.html",
     [spec_admin("user/support")],
     env(users={"support":{"policies":[pol(allow("iam:CreateLoginProfile", f"arn:aws:iam::{A}:user/*"))]},"root-admin":{"path":"/admins/","policies":[ADMIN]}}),
     env(users={"support":{"policies":[pol(allow("iam:CreateLoginProfile", f"arn:aws:iam::{A}:user/*"), deny("iam:CreateLoginProfile", f"arn:aws:iam::{A}:user/admins/*"))]},"root-admin":{"path":"/admins/","policies":[ADMIN]}}),
     "explicit deny on the admins path")
scen("update-login-profile","iam:UpdateLoginProfile","IAM/latest/APIReference/API_UpdateLoginProfile.html",
     [spec_admin("user/support")],
     env(users={"support":{"policies":[pol(allow("iam:UpdateLoginProfile", "*"))]},"ops-admin":{"policies":[ADMIN]}}, org=org_with_scps([])),
     env(users={"support":{"policies":[pol(allow("iam:UpdateLoginProfile", "*"))]},"ops-admin":{"policies":[ADMIN]}},
         org=org_with_scps([pol(deny(["iam:UpdateLoginProfile","iam:CreateLoginProfile","iam:CreateAccessKey"], "*", Condition={"StringNotEquals":{"aws:PrincipalTag/team":"identity"}}))])),
     "SCP: only the identity team manages credentials")
scen("update-assume-role-policy","iam:UpdateAssumeRolePolicy","IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html",
     [spec_admin()],
     env(users={"dev":{"policies":[pol(allow(["iam:UpdateAssumeRolePolicy","sts:AssumeRole"], f"arn:aws:iam::{A}:role/*"))]}}, roles={"platform-admin":admin_role(trust_service("ec2.amazonaws.com"))}),
     env(users={"dev":{"policies":[pol(allow(["iam:UpdateAssumeRolePolicy","sts:AssumeRole"], f"arn:aws:iam::{A}:role/dev-*"))]}}, roles={"platform-admin":admin_role(trust_service("ec2.amazonaws.com"))}),
     "UpdateAssumeRolePolicy limited to dev-* roles")
# --- PassRole + service (Rhino 3, 15, 16, 18, 20, 21 and more) ---
passrole_scen("passrole-lambda-invoke","lambda.amazonaws.com",["lambda:CreateFunction","lambda:InvokeFunction"],"lambda:InvokeFunction","lambda/latest/dg/lambda-intro-execution-role.html","passrole-scope")
passrole_scen("passrole-lambda-event-source","lambda.amazonaws.com",["lambda:CreateFunction","lambda:CreateEventSourceMapping"],"lambda:CreateEventSourceMapping","lambda/latest/dg/invocation-eventsourcemapping.html","passed-to-service")
passrole_scen("passrole-ec2","ec2.amazonaws.com",["ec2:RunInstances"],"ec2:RunInstances","AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html","passed-to-service")
passrole_scen("passrole-ecs","ecs-tasks.amazonaws.com",["ecs:RegisterTaskDefinition","ecs:RunTask"],"ecs:RunTask","AmazonECS/latest/developerguide/task-iam-roles.html","passrole-scope")
passrole_scen("passrole-cloudformation","cloudformation.amazonaws.com",["cloudformation:CreateStack"],"cloudformation:CreateStack","AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html","scp")
passrole_scen("passrole-codebuild","codebuild.amazonaws.com",["codebuild:CreateProject","codebuild:StartBuild"],"codebuild:StartBuild","codebuild/latest/userguide/setting-up-service-role.html","missing-trigger")
passrole_scen("passrole-glue-dev-endpoint","glue.amazonaws.com",["glue:CreateDevEndpoint"],"glue:CreateDevEndpoint","glue/latest/dg/dev-endpoint.html","deny")
passrole_scen("passrole-sagemaker-notebook","sagemaker.amazonaws.com",["sagemaker:CreateNotebookInstance","sagemaker:CreatePresignedNotebookInstanceUrl"],"sagemaker:CreatePresignedNotebookInstanceUrl","sagemaker/latest/dg/sagemaker-roles.html","missing-trigger")
passrole_scen("passrole-datapipeline","datapipeline.amazonaws.com",["datapipeline:CreatePipeline","datapipeline:PutPipelineDefinition","datapipeline:ActivatePipeline"],"datapipeline:ActivatePipeline","datapipeline/latest/DeveloperGuide/dp-iam-roles.html","missing-trigger")
passrole_scen("passrole-ssm-automation","ssm.amazonaws.com",["ssm:CreateDocument","ssm:StartAutomationExecution"],"ssm:StartAutomationExecution","systems-manager/latest/userguide/automation-setup-iam.html","passrole-scope")
# --- role assumption: chains, cross-account, fuzzed as ---
scen("assume-role-chain","sts:AssumeRole","IAM/latest/UserGuide/id_roles_terms-and-concepts.html (role chaining)",
     [spec_admin()],
     env(users={"dev":{"policies":[pol(allow("sts:AssumeRole"))]}}, roles={"ci":{"trust":trust_aws(f"arn:aws:iam::{A}:user/dev"),"policies":[pol(allow("sts:AssumeRole"))]},"deploy":admin_role(trust_aws(f"arn:aws:iam::{A}:role/ci"))}),
     env(users={"dev":{"policies":[pol(allow("sts:AssumeRole"))]}}, roles={"ci":{"trust":trust_aws(f"arn:aws:iam::{A}:user/dev"),"policies":[pol(allow("sts:AssumeRole"))]},"deploy":admin_role(trust_aws(f"arn:aws:iam::{A}:role/release"))}),
     "deploy trusts the release role only")
scen("cross-account-assume","sts:AssumeRole","IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html",
     [spec_admin("user/dev", "dev of the tooling account never becomes admin of production")],
     env(users={"dev":{"policies":[pol(allow("sts:AssumeRole"))]}}, account=B, extra_accounts={A:{"roles":{"ops":admin_role(trust_aws(f"arn:aws:iam::{B}:root"))}}}),
     env(users={"dev":{"policies":[pol(allow("sts:AssumeRole"))]}}, account=B, extra_accounts={A:{"roles":{"ops":admin_role(trust_aws(f"arn:aws:iam::{B}:role/oncall"))}}}),
     "trust names the on-call role, not the account")
scen("anyone-via-open-trust","sts:AssumeRole","IAM/latest/UserGuide/reference_policies_elements_principal.html",
     [spec_admin({"from":"*","except":["role/admin"]}, "no principal anywhere becomes admin")],
     env(users={"dev":{"policies":[pol(allow("s3:GetObject"))]}}, roles={"admin":admin_role(trust_aws("*"))}, org={"id":ORG,"management":"999999999999","root":{"accounts":[A]}}),
     env(users={"dev":{"policies":[pol(allow("s3:GetObject"))]}}, roles={"admin":admin_role(trust_aws("*", Condition={"StringEquals":{"aws:PrincipalOrgID":ORG},"ArnLike":{"aws:PrincipalArn":f"arn:aws:iam::*:role/break-glass"}}))}, org={"id":ORG,"management":"999999999999","root":{"accounts":[A]}}),
     "trust limited to the organization's break-glass role")
scen("account-members-two-hops","iam:CreateAccessKey","IAM/latest/APIReference/API_CreateAccessKey.html; IAM/latest/UserGuide/id_roles_manage-assume.html",
     [spec_admin({"from":A,"except":["role/admin","user/deployer"]}, "nobody in the account but the deployer becomes admin")],
     env(users={"intern":{"policies":[pol(allow("iam:CreateAccessKey", f"arn:aws:iam::{A}:user/*"))]},"deployer":{"policies":[pol(allow("sts:AssumeRole", f"arn:aws:iam::{A}:role/admin"))]}}, roles={"admin":admin_role(trust_aws(f"arn:aws:iam::{A}:user/deployer"))}),
     env(users={"intern":{"policies":[pol(allow("iam:CreateAccessKey", f"arn:aws:iam::{A}:user/${{aws:username}}"))]},"deployer":{"policies":[pol(allow("sts:AssumeRole", f"arn:aws:iam::{A}:role/admin"))]}}, roles={"admin":admin_role(trust_aws(f"arn:aws:iam::{A}:user/deployer"))}),
     "CreateAccessKey on own user only")
scen("outside-org-via-notfrom","sts:AssumeRole","IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid",
     [{"it":"nobody outside the organization reaches the deploy role","as":{"notFrom":ORG},"mayNotBecome":"role/deploy"}],
     env(roles={"deploy":{"trust":trust_aws("*", Condition={"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/ci-*"}}),"policies":[pol(allow("s3:PutObject","arn:aws:s3:::artifacts/*"))]}}, org={"id":ORG,"management":"999999999999","root":{"accounts":[A]}}),
     env(roles={"deploy":{"trust":trust_aws("*", Condition={"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/ci-*"},"StringEquals":{"aws:PrincipalOrgID":ORG}}),"policies":[pol(allow("s3:PutObject","arn:aws:s3:::artifacts/*"))]}}, org={"id":ORG,"management":"999999999999","root":{"accounts":[A]}}),
     "aws:PrincipalOrgID condition")
GH="token.actions.githubusercontent.com"
scen("github-oidc-any-repo","sts:AssumeRoleWithWebIdentity","IAM/latest/UserGuide/id_roles_providers_create_oidc.html; IAM/latest/UserGuide/reference_policies_iam-condition-keys.html",
     [{"it":"workflows of other repositories never become admin","as":{"federated":GH},"mayNotBecome":"admin","when":{f"{GH}:sub":{"not":"repo:acme/infra:*"}}}],
     env(roles={"gha":{"trust":pol({"Effect":"Allow","Principal":{"Federated":f"arn:aws:iam::{A}:oidc-provider/{GH}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{f"{GH}:aud":"sts.amazonaws.com"}}}),"policies":[ADMIN]}}),
     env(roles={"gha":{"trust":pol({"Effect":"Allow","Principal":{"Federated":f"arn:aws:iam::{A}:oidc-provider/{GH}"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{f"{GH}:aud":"sts.amazonaws.com"},"StringLike":{f"{GH}:sub":"repo:acme/infra:*"}}}),"policies":[ADMIN]}}),
     "sub condition pins the repository")
scen("chain-then-passrole","iam:PassRole","IAM/latest/UserGuide/id_roles_use_passrole.html",
     [spec_admin("user/dev", "dev never becomes admin through the build role")],
     env(users={"dev":{"policies":[pol(allow("sts:AssumeRole", f"arn:aws:iam::{A}:role/build"))]}}, roles={"build":{"trust":trust_aws(f"arn:aws:iam::{A}:user/dev"),"policies":[pol(allow(["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"]))]},"admin":admin_role(trust_service("lambda.amazonaws.com"))}),
     env(users={"dev":{"policies":[pol(allow("sts:AssumeRole", f"arn:aws:iam::{A}:role/build"))]}}, roles={"build":{"trust":trust_aws(f"arn:aws:iam::{A}:user/dev"),"policies":[pol(allow(["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"]))],"boundary":pol(allow(["lambda:*","logs:*"]))},"admin":admin_role(trust_service("lambda.amazonaws.com"))}),
     "permissions boundary on the build role")

root="bench/escalation/scenarios"
if os.path.exists(root): shutil.rmtree(root)
meta=[]
for name,s in S.items():
    for variant in ["buggy","fixed"]:
        d=f"{root}/{name}/{variant}"; os.makedirs(d)
        head=f"# {name} ({variant}): {s['method']} — {s['doc']}\n" + (f"# fixed by: {s['fix']}\n" if variant=="fixed" else "")
        with open(f"{d}/env.yaml","w") as f: f.write(head+yaml.safe_dump(s[variant], sort_keys=False, width=200))
        with open(f"{d}/escalation.iamspec.yaml","w") as f:
            f.write(f"# {name}: {s['method']} ({s['doc']})\n"+yaml.safe_dump({"name":name,"environment":"./env.yaml","expect":s["spec"]}, sort_keys=False, width=200))
    meta.append({"name":name,"method":s["method"],"aws":s["doc"],"fix":s["fix"]})
with open(f"bench/escalation/scenarios.json","w") as f: json.dump(meta,f,indent=2); f.write("\n")
print(len(S))
