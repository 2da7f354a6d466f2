// The developer's journey through the console (issue 12), against the real suite, one step after
// another in one browser tab: a failed step skips the later ones, which build on it. Every page it
// reaches is checked by checkPage (axe-core, 1280 and 390 px, a screenshot).
//
// The steps follow the pages that exist. Still to come, each as a step here when its page lands:
// the environment page (branch from the UI instead of the API below), the deployments list,
// variables (an inherited and a sensitive one; a Production variable refused, the
// DEPLOYMENT_SETTINGS ticket opened from the refusal), and the tickets page (support approves with
// a reason in the second context; the developer sees the ticket resolve and Production redeploy).
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

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  page = await context.newPage();
});

test.afterAll(async () => {
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

test('branches two levels and sees the new environments appear and deploy without reloading', async ({}, testInfo) => {
  await markNoReload(page);
  // Through the API until the environment page's Branch button exists (issue 12).
  const branch = async (parent: string, name: string) => {
    const answer = await api.post(`api/v1/projects/${projectId}/environments/${parent}/branch`, { data: { name } });
    expect(answer.status(), await answer.text()).toBe(202);
    const activity = await answer.json();
    await expect.poll(async () => (await (await api.get(`api/v1/projects/${projectId}/activities/${activity.id}`)).json()).state,
      { timeout: 30_000 }).toBe('COMPLETE');
  };
  await branch('master', 'feature');
  await branch('feature', 'sprint');

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
