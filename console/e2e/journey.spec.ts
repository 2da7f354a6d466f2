// The developer's journey through the console (issue 12), against the real suite, one step after
// another in one browser tab (and a second context for support): a failed step skips the later
// ones, which build on it. Every page it reaches is checked by checkPage (axe-core, 1280 and 390 px,
// a screenshot). The journey: sign in, create a project, push master and read its log live, branch
// two levels from the environment page, set an inherited and a sensitive variable, be refused a
// Production variable and open the DEPLOYMENT_SETTINGS ticket from that refusal, which support
// approves with a reason in a context of their own while the developer sees it resolve and
// Production redeploy.
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
let settingsTicketHref = '';

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

  await page.getByRole('link', { name: 'Deployments', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Deployments/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /SUCCEEDED/ }).first()).toBeVisible();
  await checkPage(page, testInfo, 'deployments');
});

/** Adds a variable with the variables page's form; {@code sensitive} ticks Sensitive. */
async function addVariable(tab: Page, name: string, value: string, sensitive = false) {
  const form = tab.getByRole('form', { name: 'Add a variable' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Value').fill(value);
  if (sensitive) await form.getByLabel('Sensitive').check();
  await form.getByRole('button', { name: 'Add variable', exact: true }).click();
}

test('sets an inherited and a sensitive variable and reads where each comes from', async ({}, testInfo) => {
  await page.goto(`./#/projects/${projectId}/environments/feature/variables`);
  await expect(page.getByRole('heading', { level: 1, name: 'Variables of feature' })).toBeVisible();
  await addVariable(page, 'env:GREETING', 'hello from feature');
  await expect(page.getByRole('table', { name: 'Effective variables of feature' }).getByRole('row', { name: /env:GREETING/ }))
    .toContainText('this environment');

  await page.goto(`./#/projects/${projectId}/environments/sprint/variables`);
  await expect(page.getByRole('heading', { level: 1, name: 'Variables of sprint' })).toBeVisible();
  const effective = page.getByRole('table', { name: 'Effective variables of sprint' });
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
  await page.goto(`./#/projects/${projectId}/environments/production/variables`);
  await expect(page.getByRole('heading', { level: 1, name: 'Variables of production' })).toBeVisible();
  await addVariable(page, 'env:SHIPPING', 'express');
  // The 403 ticket-required problem as the API gives it, with the ticket it offers.
  await expect(page.getByText('settings change only through an approved support ticket')).toBeVisible();
  await page.getByRole('button', { name: 'Request via ticket', exact: true }).click();
  const opened = page.getByRole('status').filter({ hasText: 'Ticket opened' });
  await expect(opened).toContainText('DEPLOYMENT_SETTINGS');
  await checkPage(page, testInfo, 'variables-production-refused');
  settingsTicketHref = (await opened.getByRole('link').getAttribute('href'))!;
  await opened.getByRole('link').click();
  await expect(page.getByLabel('State: OPEN')).toBeVisible();
  // TKT-4: the developer may not approve; the button says why instead of failing after the click.
  await expect(page.getByRole('button', { name: 'Approve', exact: true })).toBeDisabled();
  await expect(page.getByText('Only support may approve a ticket.')).toBeVisible();
  await checkPage(page, testInfo, 'ticket-developer');
});

test('support approves it with a reason in a context of their own; the developer sees it resolve and Production redeploy', async ({}, testInfo) => {
  await markNoReload(page);
  const before = (await (await api.get(`api/v1/projects/${projectId}/deployments?environment=production`)).json()).items.length;
  await supportPage.goto(`./#/tickets?project=${projectId}&state=OPEN`);
  await expect(supportPage.getByRole('heading', { level: 1, name: 'Tickets' })).toBeVisible();
  await checkPage(supportPage, testInfo, 'tickets-queue');
  await supportPage.getByRole('link', { name: /^Set variable env:SHIPPING/ }).click();
  await expect(supportPage.getByLabel('State: OPEN')).toBeVisible();
  await checkPage(supportPage, testInfo, 'ticket-support');
  await supportPage.getByLabel('Reason').fill('Shipping settings agreed with the merchant');
  await supportPage.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(supportPage.getByLabel(/State: (APPROVED|IN_PROGRESS|RESOLVED)/)).toBeVisible();

  // The developer's ticket page follows by itself to RESOLVED (it refreshes while the ticket runs).
  await expect(page.getByLabel('State: RESOLVED')).toBeVisible({ timeout: 90_000 });
  await expectNoReload(page);
  await expect.poll(async () => (await (await api.get(`api/v1/projects/${projectId}/deployments?environment=production`)).json()).items.length,
    { timeout: 90_000 }).toBeGreaterThan(before);
  await page.goto(`./#/projects/${projectId}/environments/production/deployments`);
  const newest = page.getByRole('list', { name: 'Deployments' }).getByRole('listitem').first();
  await expect(newest).toContainText('SUCCEEDED', { timeout: 90_000 });
  await checkPage(page, testInfo, 'deployments-production');
  expect(settingsTicketHref).toContain('#/tickets/');
});

test('support staff, in a browser context of their own, see the project', async ({ browser }, testInfo) => {
  const support = await browser.newContext();
  try {
    const tab = await support.newPage();
    await signIn(tab, supportUser, true);
    // Support reads every project (SEC-2).
    await tab.getByRole('listitem').filter({ hasText: projectId }).getByRole('link', { name: projectTitle }).click();
    await expect(tab.getByRole('heading', { name: projectTitle, level: 1 })).toBeVisible();
    await expect(card(tab, 'sprint')).toBeVisible();
    await checkPage(tab, testInfo, 'support-project');
  } finally {
    await support.close();
  }
});
