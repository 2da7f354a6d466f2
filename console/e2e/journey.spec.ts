// The developer's journey through the console (issue 12), against the real suite, one step after
// another in one browser tab (and a second context for support): a failed step skips the later
// ones, which build on it. The pages are driven by their accessible names, from link to link as a
// person goes; every page it reaches is checked by checkPage (axe-core, 1280 and 390 px, a
// screenshot). The journey: sign in, create a project, push master and read its log live, read the
// members and SSH keys, branch two levels from the environment page, read the deployments and a
// log from the list, set an inherited project variable and a sensitive environment variable, be
// refused a Production variable and open the DEPLOYMENT_SETTINGS ticket from that refusal, which
// support approves with a reason in a context of their own while the developer sees it resolve and
// Production redeploy. Only what the console has no page for goes through the API: the push's SSH
// key and the DEPLOY tickets that put a commit on Production first (DEP-5).
import { expect, request, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { checkPage } from './support/checkPage';
import { consoleUrl } from './support/environment';
import { GitUser } from './support/git';

// Master's deploy hook takes 16 s, so that its log is read while it runs (the tree notices a push
// within 10 s, its idle refresh); other environments deploy at once.
const APP_YAML = `name: e2e
type: php:8.3
hooks:
  build: |
    echo "e2e build of tree $SLIPWAY_TREE_ID"
  deploy: |
    if [ "$SLIPWAY_ENVIRONMENT" = master ]; then
      for step in 1 2 3 4 5 6 7 8; do echo "e2e deploy step $step of 8"; sleep 2; done
    fi
    echo "e2e deployed $SLIPWAY_PROJECT-$SLIPWAY_ENVIRONMENT on node $SLIPWAY_NODE"
`;

const developer = 'alice';
const supportUser = 'sam';
const projectId = `e2e${Date.now().toString(36)}`;
const projectTitle = 'Browser test shop';

test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let api: APIRequestContext;
let commit: string;
let supportContext: BrowserContext | undefined;
let supportPage: Page;
let supportApi: APIRequestContext | undefined;
let settingsTicketId = '';

/** A sensitive value that must never reach the page (VAR-2). */
const SECRET = `e2e-secret-${Date.now().toString(36)}`;

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  page = await context.newPage();
});

test.afterAll(async () => {
  await supportApi?.dispose();
  await supportContext?.close();
  await api?.dispose();
  await context?.close();
});

/** The development sign-in form, as a person fills it; returns the token the console keeps for the tab. */
async function signIn(tab: Page, user: string, support: boolean): Promise<string> {
  await tab.goto('./');
  await expect(tab.getByRole('heading', { name: 'Sign in to Slipway' })).toBeVisible();
  await tab.getByLabel('User name').fill(user);
  if (support) await tab.getByLabel(/Support staff/).check();
  await tab.getByRole('button', { name: `Sign in as ${user}` }).click();
  await expect(tab.getByText(`Signed in as ${user}${support ? ' (support)' : ''}`)).toBeVisible();
  const token = await tab.evaluate(() => sessionStorage.getItem('slipway.token'));
  expect(token).toBeTruthy();
  return token!;
}

/** An environment's card in the overview's tree, by its title and status (its accessible name). */
const card = (tab: Page, title: string) => tab.getByRole('article', { name: new RegExp(`^${title}, `) });

/** A marker that a reload would wipe: the page must update by itself. */
const markNoReload = (tab: Page) => tab.evaluate(() => { (window as unknown as Record<string, boolean>).e2eNoReload = true; });
const expectNoReload = async (tab: Page) =>
  expect(await tab.evaluate(() => (window as unknown as Record<string, boolean>).e2eNoReload)).toBe(true);

test('a developer signs in with the development sign-in', async ({}, testInfo) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Development sign-in' })).toBeVisible();
  await expect(page.getByLabel('Bearer token (JWT)')).toBeVisible();
  await checkPage(page, testInfo, 'sign-in');
  const token = await signIn(page, developer, false);
  api = await request.newContext({ baseURL: consoleUrl, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await checkPage(page, testInfo, 'projects');
});

test('creates a project and sees master, staging and production', async ({}, testInfo) => {
  await page.getByLabel('Project id').fill('Not An Id');
  await page.getByRole('button', { name: 'Create project' }).click();
  // ENV-1's rule, as the API words it.
  await expect(page.getByRole('alert')).toBeVisible();
  await checkPage(page, testInfo, 'projects-refused');

  await page.getByLabel('Project id').fill(projectId);
  await page.getByLabel('Title (optional)').fill(projectTitle);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(new RegExp(`#/projects/${projectId}$`));
  await expect(page.getByRole('heading', { name: projectTitle, level: 1 })).toBeVisible();
  await expect(card(page, 'Production')).toBeVisible();
  await expect(card(page, 'Staging')).toBeVisible();
  await expect(card(page, 'Master')).toContainText('none yet');
  await checkPage(page, testInfo, 'project-new');
});

test('pushes master over SSH and reads its deployment log live', async ({}, testInfo) => {
  const environments = await api.get(`api/v1/projects/${projectId}/environments/master`);
  expect(environments.status()).toBe(200);
  const gitUrl: string = (await environments.json()).urls.git;
  // ENV-1: the repository exists once ssh-gateway applied project.created.
  await expect.poll(async () => (await api.get(`api/v1/projects/${projectId}/repository`)).status()).toBe(200);
  await markNoReload(page);
  const git = await GitUser.registered(api, developer);
  commit = git.commitAndPush(gitUrl, { '.slipway/app.yaml': APP_YAML, 'index.html': '<h1>e2e</h1>\n' }, 'master', 'First commit');

  // The tree shows the running deployment by itself (idle lists refresh every 10 s).
  const running = card(page, 'Master').getByRole('link', { name: /^(QUEUED|RUNNING)$/ });
  await expect(running).toBeVisible();
  await expectNoReload(page);
  await running.click();

  await expect(page.getByRole('heading', { name: 'Deployment of master' })).toBeVisible();
  const log = page.getByRole('list', { name: 'Deployment log' });
  await expect(page.getByRole('status').filter({ hasText: 'Following the log live' })).toBeVisible();
  // Live: the deploy hook's lines show while it still runs (deployment-service writes a running
  // hook's output every 250 ms, DEP-8); its last line comes 16 s later.
  await expect(log.getByText(/^e2e build of tree /)).toBeVisible();
  await expect(log.getByText('e2e deploy step 1 of 8')).toBeVisible();
  expect(await log.getByText(/^e2e deployed /).count(), 'the hook\'s last line, while it still runs').toBe(0);
  await expect(page.getByText('RUNNING').first()).toBeVisible();
  await checkPage(page, testInfo, 'deployment-log-live');

  await expect(log.getByText(`e2e deployed ${projectId}-master on node 1`)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('SUCCEEDED').first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^\d+ lines$/ })).toBeVisible();
  await expect(page.getByText(commit.slice(0, 7), { exact: true })).toBeVisible();

  // Each line is linkable: its link marks it.
  const line = log.getByRole('listitem').filter({ hasText: 'e2e deploy step 3 of 8' });
  await line.getByRole('link').click();
  await expect(page).toHaveURL(/\/lines\/\d+$/);
  await expect(line).toHaveAttribute('aria-current', 'true');
  await checkPage(page, testInfo, 'deployment-log-done');

  await page.getByRole('link', { name: `← ${projectId}` }).click();
  await expect(card(page, 'Master').getByRole('link', { name: 'SUCCEEDED' })).toBeVisible();
  await expect(card(page, 'Master')).toContainText(commit.slice(0, 7));
});

test('reads the members and the SSH keys, and who reaches each environment', async ({}, testInfo) => {
  await page.getByRole('link', { name: 'Members', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Members of ${projectId}` })).toBeVisible();
  // ENV-9: the creator is the only admin, so the list says why they cannot be removed before a click.
  const me = page.getByRole('row', { name: developer, exact: true });
  await expect(me.getByRole('button', { name: `Remove ${developer}` })).toBeDisabled();
  await expect(me).toContainText(`${developer} is the last admin of project ${projectId}`);
  await checkPage(page, testInfo, 'members');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SSH keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'SSH keys' })).toBeVisible();
  await expect(page.getByRole('row', { name: 'browser test key' })).toContainText('ED25519', { ignoreCase: true });
  await checkPage(page, testInfo, 'ssh-keys');
  await page.getByRole('link', { name: `SSH access to ${projectTitle}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `SSH access to ${projectId}` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Keys that reach master' })).toContainText('browser test key');
  await checkPage(page, testInfo, 'ssh-access');
  await page.getByRole('link', { name: `← ${projectId}` }).click();
  await expect(page.getByRole('heading', { name: projectTitle, level: 1 })).toBeVisible();
});

test('branches two levels from the environment page and sees them appear and deploy without reloading', async ({}, testInfo) => {
  await markNoReload(page);
  // On the parent's page: the Branch form (its button waits while the parent is busy: the view's actions).
  const branchFrom = async (parentTitle: string, parentId: string, name: string) => {
    await expect(page.getByRole('heading', { level: 1, name: `${parentTitle} ${parentId}` })).toBeVisible();
    const form = page.getByRole('form', { name: 'Branch' });
    await form.getByLabel('Branch name').fill(name);
    await expect(form.getByText(`environment:branch ${name}`)).toBeVisible(); // the CLI equivalent
    await form.getByRole('button', { name: 'Branch', exact: true }).click();
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible({ timeout: 30_000 }); // "New environment: <name>"
  };
  await card(page, 'Master').getByRole('link', { name: 'Master', exact: true }).click();
  await branchFrom('Master', 'master', 'feature');
  // A refused operation is disabled with the service's reason beside it (the view's actions).
  await expect(page.getByRole('form', { name: 'Deactivate' }).getByRole('button', { name: 'Deactivate', exact: true })).toBeDisabled();
  await expect(page.getByRole('form', { name: 'Deactivate' })).toContainText('The master environment cannot be deactivated.');
  await checkPage(page, testInfo, 'environment-master');
  await page.getByRole('link', { name: 'feature', exact: true }).click();
  await branchFrom('feature', 'feature', 'sprint');
  await checkPage(page, testInfo, 'environment-feature');

  await page.getByRole('link', { name: `← ${projectId}` }).click();
  const feature = page.getByRole('list', { name: 'Children of master' }).getByRole('article', { name: /^feature, / });
  const sprint = page.getByRole('list', { name: 'Children of feature' }).getByRole('article', { name: /^sprint, / });
  await expect(feature).toBeVisible();
  await expect(sprint).toBeVisible();
  await expect(feature.getByRole('link', { name: 'SUCCEEDED' })).toBeVisible({ timeout: 60_000 });
  await expect(sprint.getByRole('link', { name: 'SUCCEEDED' })).toBeVisible({ timeout: 60_000 });
  await expect(feature).toContainText(commit.slice(0, 7));
  await expect(sprint).toContainText(commit.slice(0, 7));
  // The activity stream shows both branch activities, state and result apart.
  await expect(page.getByRole('listitem').filter({ hasText: 'environment.branch on sprint' })).toContainText('SUCCEEDED');
  await expectNoReload(page);
  await checkPage(page, testInfo, 'project-tree');
});

test('reads the deployments list and a deployment\'s log from it', async ({}, testInfo) => {
  await page.getByRole('link', { name: 'Deployments', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deployments' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Deployments' });
  // Newest first: sprint's and feature's branch deployments above master's push.
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('listitem').first()).toContainText('sprint');
  await expect(list.getByRole('listitem').last()).toContainText('master');
  await checkPage(page, testInfo, 'deployments');
  await page.getByLabel('Environment').selectOption('sprint');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('link', { name: /^SUCCEEDED deployment of sprint, / }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deployment of sprint' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Deployment log' }).getByText(`e2e deployed ${projectId}-sprint on node 1`)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^\d+ lines$/ })).toBeVisible();
  await checkPage(page, testInfo, 'deployment-log-sprint');
  await page.getByRole('link', { name: `← ${projectId}` }).click();
});

/** From the project overview: an environment's page (by its card) and then its variables. */
async function openVariablesOf(tab: Page, title: string, id: string) {
  await card(tab, title).getByRole('link', { name: title, exact: true }).click();
  await tab.getByRole('navigation', { name: 'Environment pages' }).getByRole('link', { name: 'Variables' }).click();
  await expect(tab.getByRole('heading', { level: 1, name: `Variables of ${id}` })).toBeVisible();
}

/** Adds a variable with the variables page's form; {@code sensitive} ticks Sensitive. */
async function addVariable(tab: Page, name: string, value: string, sensitive = false) {
  const form = tab.getByRole('form', { name: 'Add a variable' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Value').fill(value);
  if (sensitive) await form.getByLabel('Sensitive').check();
  await form.getByRole('button', { name: 'Add variable', exact: true }).click();
}

test('sets an inherited project variable and a sensitive one, and reads where each comes from', async ({}, testInfo) => {
  await page.getByRole('link', { name: 'Variables', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Variables of project ${projectId}` })).toBeVisible();
  await addVariable(page, 'env:CURRENCY', 'EUR');
  await expect(page.getByRole('region', { name: 'Project variables' }).getByRole('listitem').filter({ hasText: 'env:CURRENCY' }).first()).toContainText('EUR');
  await checkPage(page, testInfo, 'variables-project');

  await page.getByRole('link', { name: `← ${projectId}` }).click();
  await openVariablesOf(page, 'feature', 'feature');
  await addVariable(page, 'env:GREETING', 'hello from feature');
  await expect(page.getByRole('table', { name: 'Effective variables of feature' }).getByRole('row', { name: /env:GREETING/ }))
    .toContainText('this environment');

  await page.getByRole('link', { name: `← ${projectId}` }).click();
  await openVariablesOf(page, 'sprint', 'sprint');
  const effective = page.getByRole('table', { name: 'Effective variables of sprint' });
  // VAR-3: the project's, then the nearest ancestor's inheritable ones, then its own.
  await expect(effective.getByRole('row', { name: /env:CURRENCY/ })).toContainText('project');
  await expect(effective.getByRole('row', { name: /env:CURRENCY/ })).toContainText('EUR');
  await expect(effective.getByRole('row', { name: /env:GREETING/ })).toContainText('inherited from feature');
  await addVariable(page, 'env:API_TOKEN', SECRET, true);
  await expect(effective.getByRole('row', { name: /env:API_TOKEN/ })).toContainText('hidden');
  await expect(effective.getByRole('row', { name: /env:API_TOKEN/ })).toContainText('this environment');
  // VAR-2: the value never comes back, so the page cannot show it.
  expect(await page.content()).not.toContain(SECRET);
  await checkPage(page, testInfo, 'variables-sprint');
});

test('Production is deployed through DEPLOY tickets to Staging, then Production (set-up through the API)', async ({ browser }) => {
  supportContext = await browser.newContext();
  supportPage = await supportContext.newPage();
  const supportToken = await signIn(supportPage, supportUser, true);
  supportApi = await request.newContext({ baseURL: consoleUrl, extraHTTPHeaders: { Authorization: `Bearer ${supportToken}` } });
  for (const tier of ['staging', 'production']) {
    // TKT-1: a DEPLOY ticket without a commit opens once ticket-service knows the source tier's last success.
    let ticketId = '';
    await expect.poll(async () => {
      const answer = await api.post('api/v1/tickets', { data: { type: 'DEPLOY', projectId, environmentId: tier, subject: `Deploy ${tier}`, payload: {} } });
      if (answer.status() === 201) ticketId = (await answer.json()).id;
      return answer.status();
    }, { timeout: 60_000 }).toBe(201);
    const approved = await supportApi.post(`api/v1/tickets/${ticketId}/approve`, { data: {} });
    expect(approved.status(), await approved.text()).toBe(200);
    await expect.poll(async () => (await (await api.get(`api/v1/tickets/${ticketId}`)).json()).state, { timeout: 90_000 }).toBe('RESOLVED');
  }
  const production = await (await api.get(`api/v1/projects/${projectId}/environments/production`)).json();
  expect(production.deployedCommit).toBe(commit);
});

test('is refused a Production variable and opens the DEPLOYMENT_SETTINGS ticket from the refusal', async ({}, testInfo) => {
  await page.getByRole('link', { name: `← ${projectId}` }).click();
  await expect(card(page, 'Production').getByRole('link', { name: 'SUCCEEDED' })).toBeVisible();
  await openVariablesOf(page, 'Production', 'production');
  await addVariable(page, 'env:SHIPPING', 'express');
  // The 403 ticket-required problem (ENV-5) as the API gives it: its title and detail, word for word.
  const refused = await api.post(`api/v1/projects/${projectId}/environments/production/variables`, { data: { name: 'env:SHIPPING', value: 'express' } });
  expect(refused.status()).toBe(403);
  const problem = await refused.json();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(problem.title);
  await expect(alert).toContainText(problem.detail);
  await page.getByRole('button', { name: 'Request via ticket', exact: true }).click();
  const opened = page.getByRole('status').filter({ hasText: 'Ticket opened' });
  await expect(opened).toContainText('DEPLOYMENT_SETTINGS');
  await checkPage(page, testInfo, 'variables-production-refused');
  const href = (await opened.getByRole('link').getAttribute('href'))!;
  settingsTicketId = decodeURIComponent(href.replace(/^.*#\/tickets\//, ''));
  await opened.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Set variable env:SHIPPING on production' })).toBeVisible();
  await expect(page.getByLabel('State: OPEN')).toBeVisible();
  // TKT-4: the developer may not approve or reject; the buttons say why instead of failing after the
  // click. They may cancel their own ticket.
  const decisions = page.getByRole('list').filter({ has: page.getByRole('button', { name: 'Approve', exact: true }) });
  await expect(decisions.getByRole('button', { name: 'Approve', exact: true })).toBeDisabled();
  await expect(decisions.getByRole('listitem').filter({ hasText: 'Approve' })).toContainText('Only support may approve a ticket.');
  await expect(decisions.getByRole('button', { name: 'Reject', exact: true })).toBeDisabled();
  await expect(decisions.getByRole('button', { name: 'Cancel ticket', exact: true })).toBeEnabled();
  await checkPage(page, testInfo, 'ticket-developer');
});

test('support approves it with a reason in a context of their own; the developer sees it resolve and Production redeploy', async ({}, testInfo) => {
  await markNoReload(page);
  // Support's queue, filtered as a person does it: state, then project.
  await supportPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
  await expect(supportPage.getByRole('heading', { level: 1, name: 'Tickets' })).toBeVisible();
  await supportPage.getByLabel('State').selectOption('OPEN');
  await supportPage.getByLabel('Project').fill(projectId);
  await supportPage.getByLabel('Project').press('Enter');
  await expect(supportPage).toHaveURL(new RegExp(`#/tickets\\?.*project=${projectId}`));
  const row = supportPage.getByRole('row').filter({ has: supportPage.getByRole('link', { name: 'Set variable env:SHIPPING on production' }) });
  await expect(row).toContainText('DEPLOYMENT_SETTINGS');
  await expect(row).toContainText(developer);
  await checkPage(supportPage, testInfo, 'tickets-queue');
  await row.getByRole('link', { name: 'Set variable env:SHIPPING on production' }).click();
  await expect(supportPage.getByLabel('State: OPEN')).toBeVisible();
  // Support may approve (nothing says otherwise); a rejection waits for a reason; only the requester cancels.
  const decisions = supportPage.getByRole('list').filter({ has: supportPage.getByRole('button', { name: 'Approve', exact: true }) });
  await expect(decisions.getByRole('button', { name: 'Approve', exact: true })).toBeEnabled();
  await expect(decisions.getByRole('listitem').filter({ hasText: 'Approve' })).toHaveText('Approve');
  await expect(decisions.getByRole('button', { name: 'Reject', exact: true })).toBeDisabled();
  await expect(decisions.getByRole('listitem').filter({ hasText: 'Reject' })).toContainText('Write a reason first');
  await expect(decisions.getByRole('button', { name: 'Cancel ticket', exact: true })).toBeDisabled();
  // The preview says what approval changes.
  await expect(supportPage.getByRole('region', { name: 'What it asks, and what will change' })).toContainText('express');
  await checkPage(supportPage, testInfo, 'ticket-support');
  const reason = 'Shipping settings agreed with the merchant';
  await supportPage.getByLabel('Reason').fill(reason);
  await expect(decisions.getByRole('button', { name: 'Reject', exact: true })).toBeEnabled();
  await decisions.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(supportPage.getByLabel(/State: (APPROVED|IN_PROGRESS|RESOLVED)/)).toBeVisible();
  await expect(supportPage.getByRole('region', { name: 'History' })).toContainText(reason);

  // The developer's ticket page follows by itself: RESOLVED, the reason in its history, and
  // Production's redeploy in its trail, running and then done.
  await expect(page.getByLabel('State: RESOLVED')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('region', { name: 'History' })).toContainText(reason);
  const redeploy = page.getByRole('region', { name: 'Trail' }).getByRole('listitem').filter({ hasText: /^Deployment .* on production/ }).first();
  await expect(redeploy).toContainText(commit.slice(0, 7), { timeout: 30_000 });
  await expect(redeploy).toContainText('SUCCEEDED', { timeout: 90_000 });
  await expectNoReload(page);
  await checkPage(page, testInfo, 'ticket-resolved');

  // Production's deployments: the newest is the ticket's, and its log.
  await page.getByRole('link', { name: projectId, exact: true }).click();
  await card(page, 'Production').getByRole('link', { name: 'Production', exact: true }).click();
  await page.getByRole('navigation', { name: 'Environment pages' }).getByRole('link', { name: 'Deployments' }).click();
  const newest = page.getByRole('list', { name: 'Deployments' }).getByRole('listitem').first();
  await expect(newest).toContainText(`ticket ${settingsTicketId.slice(0, 8)}`);
  await expect(newest).toContainText('SUCCEEDED');
  await expectNoReload(page);
  await checkPage(page, testInfo, 'deployments-production');
});

test('support staff, in their browser context, see the project', async ({}, testInfo) => {
  await supportPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  // Support reads every project (SEC-2).
  await supportPage.getByRole('listitem').filter({ hasText: projectId }).getByRole('link', { name: projectTitle }).click();
  await expect(supportPage.getByRole('heading', { name: projectTitle, level: 1 })).toBeVisible();
  await expect(card(supportPage, 'sprint')).toBeVisible();
  await checkPage(supportPage, testInfo, 'support-project');
});
